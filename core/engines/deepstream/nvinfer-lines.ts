/**
 * What nvinfer prints about its TensorRT engines: which file it deserialized or built and wrote
 * (`deserialized trt engine from :PATH`, `serialize cuda engine to file: PATH successfully`), then
 * `INFO: [Implicit Engine Info]: layers num: N` or `[FullDims Engine Info]` and one line per binding
 * (index, INPUT/OUTPUT, data type, name, dims, and min/opt/Max shapes in the full-dims form). The
 * block does not state the precision: the engine's file name does (`…_b4_gpu0_int8.engine`).
 */
const ELEMENT = /gst_nvinfer_logger:<([^>]+)>.*?\[UID = (\d+)\]/;
const DESERIALIZED = /deserialized trt engine from :(\S+\.engine)/;
const SERIALIZED = /serialize cuda engine to file: (\S+\.engine) successfully/;
const BUILD_START = /Trying to create engine from model files/;
const GST_TIME = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)\s/;
export const ENGINE_INFO = /^INFO: \[(Implicit|FullDims) Engine Info\]: layers num: (\d+)/;
const BINDING = /^(\d+)\s+(INPUT|OUTPUT)\s+(k[A-Z0-9]+)\s+(\S+)\s+(\S+)(?:\s+min: (\S+)\s+opt: (\S+)\s+Max: (\S+))?\s*$/;
const ENGINE_FILE = /_b(\d+)_?gpu(\d+)_(fp32|fp16|int8)\.engine$/;

export interface EngineBinding {
  index: number;
  io: 'INPUT' | 'OUTPUT';
  dataType: string;
  name: string;
  dims: string;
  minOptMax: [string, string, string] | null;
}

export interface NvinferEngine {
  /** The GStreamer element (`primary_gie`, `secondary_gie_0`) and nvinfer's unique id. */
  element: string | null;
  uid: number | null;
  enginePath: string;
  /** 'loaded': deserialized from the file; 'built': built from the model files and written there. */
  source: 'loaded' | 'built';
  /** Seconds from "Trying to create engine" to the engine written, by the GStreamer log clock. */
  buildSeconds: number | null;
  /** From the file name nvinfer gives the engines it builds; null when the name does not say. */
  precision: 'fp32' | 'fp16' | 'int8' | null;
  batchSize: number | null;
  infoForm: 'Implicit' | 'FullDims' | null;
  layers: number | null;
  bindings: EngineBinding[];
}

function gstSeconds(line: string): number | null {
  const m = GST_TIME.exec(line);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : null;
}

export class NvinferAccumulator {
  readonly engines: NvinferEngine[] = [];
  private current: NvinferEngine | null = null;
  private inBlock = false;
  private readonly buildStarted = new Map<string, number>();

  /** True when the line was nvinfer's. */
  line(line: string): boolean {
    if (this.inBlock) {
      const b = BINDING.exec(line);
      if (b && this.current) {
        this.current.bindings.push({
          index: Number(b[1]), io: b[2] as 'INPUT' | 'OUTPUT', dataType: b[3]!, name: b[4]!, dims: b[5]!,
          minOptMax: b[6] ? [b[6], b[7]!, b[8]!] : null,
        });
        return true;
      }
      this.inBlock = false;
    }
    const info = ENGINE_INFO.exec(line);
    if (info) {
      if (this.current && this.current.infoForm === null) {
        this.current.infoForm = info[1] as 'Implicit' | 'FullDims';
        this.current.layers = Number(info[2]);
        this.inBlock = true;
      }
      return true;
    }
    if (!line.includes('gst_nvinfer_logger')) return false;
    const element = ELEMENT.exec(line);
    const key = element?.[1] ?? '';
    if (BUILD_START.test(line)) {
      const t = gstSeconds(line);
      if (t !== null) this.buildStarted.set(key, t);
      return true;
    }
    const loaded = DESERIALIZED.exec(line);
    const built = SERIALIZED.exec(line);
    const enginePath = loaded?.[1] ?? built?.[1];
    if (enginePath) {
      const started = this.buildStarted.get(key);
      const now = gstSeconds(line);
      const file = ENGINE_FILE.exec(enginePath);
      this.current = {
        element: element?.[1] ?? null,
        uid: element ? Number(element[2]) : null,
        enginePath,
        source: built ? 'built' : 'loaded',
        buildSeconds: built && started !== undefined && now !== null ? now - started : null,
        precision: (file?.[3] as NvinferEngine['precision']) ?? null,
        batchSize: file ? Number(file[1]) : null,
        infoForm: null,
        layers: null,
        bindings: [],
      };
      this.engines.push(this.current);
    }
    return true;
  }
}
