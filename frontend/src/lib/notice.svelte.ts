// A short message at the bottom of the window ("Password copied", "Record
// deleted"). It goes by itself after a few seconds.
export class NoticeStore {
  text = $state('')
  #timer: ReturnType<typeof setTimeout> | undefined

  show(text: string, seconds = 3) {
    this.text = text
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => (this.text = ''), seconds * 1000)
  }

  clear() {
    clearTimeout(this.#timer)
    this.text = ''
  }
}

export const notice = new NoticeStore()
