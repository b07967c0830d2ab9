import {
  compareGeneratedFiles,
  type FileChange,
  type FileDrift,
  type GeneratedFolder,
  hasDrift,
  writeGeneratedFiles,
} from "@repo/cli-kit";
import { type GeneratedFile, isGeneratedText } from "./generatedFile";

export { hasDrift, type FileChange };

/** How a folder differs from what the tasks produce. Names are file names within the folder. */
export type TerraformDrift = FileDrift;

/** The generator owns the files carrying its marker: a hand-written file, even under a generated name, is never touched. */
function terraformFolder(dir: string): GeneratedFolder {
  return { dir, owns: (_name, text) => isGeneratedText(text) };
}

/**
 * Writes the generated files into `dir`, touching only those whose text changed, and removes the
 * generated files no task produces any more. Hand-written files (without the generator's marker)
 * are never touched.
 */
export function writeTerraformFiles(dir: string, files: readonly GeneratedFile[]): Map<string, FileChange> {
  return writeGeneratedFiles(terraformFolder(dir), files);
}

/** What `writeTerraformFiles` would change, without writing: the check CI runs. */
export function compareTerraformFiles(dir: string, files: readonly GeneratedFile[]): TerraformDrift {
  return compareGeneratedFiles(terraformFolder(dir), files);
}
