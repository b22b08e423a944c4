import { dirname, join } from 'node:path';
import ts from 'typescript';

/** A type written in TypeScript, resolved by the compiler, with the checker to look into it. */
export interface Probe {
  checker: ts.TypeChecker;
  type: ts.Type;
}

/**
 * Compiles `export type Probe = <expression>` in a file placed in `fromDir` (a package that
 * depends on the provider's types, so that `imports` resolve from there) and returns the type.
 * Stops with the compiler's messages when the expression does not type-check.
 */
export function probeType(imports: string, expression: string, fromDir: string): Probe {
  const file = join(fromDir, '__catalog_probe__.ts');
  const text = `${imports}\nexport type Probe = ${expression};\n`;
  const options: ts.CompilerOptions = {
    strict: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    name === file ? ts.createSourceFile(name, text, language) : getSourceFile(name, language, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  const source = program.getSourceFile(file)!;
  const errors = ts.getPreEmitDiagnostics(program, source);
  if (errors.length > 0) {
    throw new Error(
      ts.formatDiagnostics(errors, {
        ...host,
        getNewLine: () => '\n',
        getCanonicalFileName: (f) => f,
        getCurrentDirectory: () => dirname(file),
      }),
    );
  }
  const checker = program.getTypeChecker();
  const alias = source.statements.find(ts.isTypeAliasDeclaration)!;
  return { checker, type: checker.getTypeAtLocation(alias.name) };
}
