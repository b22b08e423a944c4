// The `express4` devDependency is Express 4 installed under an alias; it has no types of its
// own, and its API is the one @types/express describes.
declare module 'express4' {
  import express from 'express';
  export default express;
}
