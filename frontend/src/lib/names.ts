// A record with no name (one that an edit made on another device brought
// back after a permanent delete, with only that edit's values) is shown as
// "Untitled", never as an empty row or heading.

/** The name to show for a record. */
export function shownName(name: string): string {
  return name.trim() === '' ? 'Untitled' : name
}
