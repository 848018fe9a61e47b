/** Vite bundles imported stylesheets; the import itself has no value. */
declare module '*.css';
