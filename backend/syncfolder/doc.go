// Package syncfolder is the file side of sync: where the sync folder is for
// each provider, what the files in it are, and reading and writing them the
// way file-sync services need.
//
// Sync services (iCloud Drive, Dropbox, Google Drive, Syncthing, a network
// share) copy whole files late and out of order, leave conflict copies, show
// half-copied files, and evict files to placeholders. This package names all
// of that: Scan sorts a folder into canonical files, conflict copies mapped
// back to the name they copy, files still to be downloaded, and files to
// ignore (temporary and partly written ones). It never decrypts anything;
// deciding whether a file is genuine is the engine's job, done against the
// canonical name.
package syncfolder
