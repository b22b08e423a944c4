import { dirname, join } from 'node:path';
import ts from 'typescript';

/**
 * The string members of a type written in TypeScript (`Stripe.Event['type']`), read with the
 * compiler from the provider's own declarations, sorted. `imports` are the import lines the
 * expression needs; they resolve from `fromDir` (a package that depends on the provider's types).
 */
export function literalUnion(imports: string, expression: string, fromDir: string): string[] {
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
  const type = checker.getTypeAtLocation(alias.name);
  const members = type.isUnion() ? type.types : [type];
  const names = members.map((member) => {
    if (!member.isStringLiteral())
      throw new Error(`${expression}: ${checker.typeToString(member)} is not a string literal`);
    return member.value;
  });
  return [...new Set(names)].sort();
}
