// Inline icons: no icon font, no request. Hidden from assistive technology; buttons carry text.

export const ChatIcon = () => (
  <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="28" height="28">
    <path
      fill="currentColor"
      d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm2 5v2h12V8H6zm0 4v2h8v-2H6z"
    />
  </svg>
)

export const CloseIcon = () => (
  <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="24" height="24">
    <path
      fill="none"
      stroke="currentColor"
      stroke-width="2.5"
      stroke-linecap="round"
      d="M6 6l12 12M18 6L6 18"
    />
  </svg>
)
