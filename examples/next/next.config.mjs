// In this repository the example compiles the @hookgate packages from their sources (see
// tsconfig.json `paths`), so it needs no package build. In your app, install the packages.
/** @type {import('next').NextConfig} */
export default {
  // The repository's root `tsc` type-checks these files.
  typescript: { ignoreBuildErrors: true },
};
