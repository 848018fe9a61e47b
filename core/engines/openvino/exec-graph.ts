import { LabError } from '../../api/errors.js';
import { readImportLines, type ImportFileRef, type StreamedFile } from '../../files/import-file-stream.js';

/**
 * The execution graph benchmark_app saves with -exec_graph_path (ov::serialize of the compiled
 * model's runtime graph): IR XML, one element per line, whose `<data>` carries each executed
 * node's runtime info. `originalLayersNames` lists the nodes of the original model fused into it,
 * which is how a counter maps back onto the ONNX graph; `primitiveType` is the implementation and
 * `runtimePrecision` the precision it ran in. Read line by line: no XML tree is ever held.
 */
export interface ExecNode {
  name: string;
  type: string;
  originalNames: string[];
  primitiveType: string | null;
  runtimePrecision: string | null;
  execTimeMcs: string | null;
}

export interface ExecGraph extends StreamedFile {
  nodes: Map<string, ExecNode>;
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
    out[m[1]!] = m[2]!.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }
  return out;
}

export async function readExecGraph(file: ImportFileRef): Promise<ExecGraph> {
  const nodes = new Map<string, ExecNode>();
  let current: ExecNode | null = null;
  let sawNet = false;
  let closed = false;
  let firstLine = '';
  const at = (n: number) => `${file.given} ${file.path}, line ${n}`;
  const streamed = await readImportLines(file, (raw, n) => {
    const line = raw.trim();
    if (line === '') return;
    if (firstLine === '') {
      firstLine = line;
      if (!line.startsWith('<?xml') && !line.startsWith('<net')) {
        throw new LabError('input', `${at(n)}: expected the XML of an execution graph ('<?xml …' or '<net …'), found '${line.slice(0, 80)}'.`, 'Give the file benchmark_app wrote with -exec_graph_path.');
      }
    }
    if (line.startsWith('<net')) sawNet = true;
    else if (line.startsWith('</net>')) closed = true;
    else if (line.startsWith('<layer ')) {
      const a = attributes(line);
      if (a['name'] === undefined) throw new LabError('input', `${at(n)}: a <layer> without a name.`, 'Give the execution graph benchmark_app wrote, unedited.');
      current = { name: a['name'], type: a['type'] ?? '', originalNames: [], primitiveType: null, runtimePrecision: null, execTimeMcs: null };
      nodes.set(current.name, current);
    } else if (line.startsWith('<data ') && current) {
      const a = attributes(line);
      if (a['originalLayersNames'] !== undefined) current.originalNames = a['originalLayersNames'].split(',').map((s) => s.trim()).filter((s) => s !== '');
      current.primitiveType = a['primitiveType'] ?? null;
      current.runtimePrecision = a['runtimePrecision'] ?? null;
      current.execTimeMcs = a['execTimeMcs'] ?? null;
    } else if (line.startsWith('</layer>')) current = null;
  });
  if (!sawNet) throw new LabError('input', `${file.given} ${file.path}: XML, but no <net> element: not an OpenVINO graph.`, 'Give the file benchmark_app wrote with -exec_graph_path.');
  if (!closed) throw new LabError('input', `${file.given} ${file.path}, line ${streamed.lines}: the XML ends before </net>: the file is truncated.`, 'Import the whole file benchmark_app wrote.');
  if (![...nodes.values()].some((n) => n.originalNames.length > 0)) {
    throw new LabError('input', `${file.given} ${file.path}: no layer has originalLayersNames, so this is a model (IR .xml), not an execution graph.`, 'Give the graph benchmark_app saves with -exec_graph_path, not the model it ran.');
  }
  return { ...streamed, nodes };
}
