// Whether the import or the export sheet is open. The app menu, the
// Preferences and the empty vault's invitation all open them through here.
class Transfer {
  importing = $state(false)
  exporting = $state(false)
}

export const transfer = new Transfer()
