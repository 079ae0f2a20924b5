/** Vite's `?url` imports: the URL of the file as the build emits it (console/vite.config.ts). */
declare module '*?url' {
  const url: string;
  export default url;
}
