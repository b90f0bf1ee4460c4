// Vite turns `import css from './x.css?inline'` into the minified CSS as a string.
declare module '*.css?inline' {
  const css: string
  export default css
}
