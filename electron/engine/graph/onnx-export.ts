import { create, toBinary } from '@bufbuild/protobuf';
import {
  type AttributeProto,
  AttributeProto_AttributeType,
  AttributeProtoSchema,
  GraphProtoSchema,
  ModelProtoSchema,
  type NodeProto,
  NodeProtoSchema,
  OperatorSetIdProtoSchema,
  type TensorProto,
  TensorProto_DataLocation,
  TensorProtoSchema,
  TypeProto_TensorSchema,
  TypeProtoSchema,
  ValueInfoProtoSchema,
} from 'onnx-buf';
import { topologicalOrder } from './autodiff';
import { type AnyTypedArray, type DType, dtypeOf, onnxDataType } from './dtype';
import { GraphError } from './errors';
import { foldConstant } from './fold';
import { constantValue, isConstant, isInput } from './graph';
import type { OnnxNode, Shape, Tensor } from './tensor';

export const OPSET = 17;
const IR_VERSION = 8;

export interface ExportOptions {
  name?: string;
  /** Initializers of at least `minBytes` go to one external file (needed past protobuf's 2 GB). */
  externalData?: { path: string; minBytes: number };
}

export interface OnnxModel {
  model: Uint8Array;
  /** Present when some initializers were written as external data; pass it to the session. */
  externalData?: { path: string; data: Uint8Array };
  /** Names of the graph inputs, in order. */
  inputNames: string[];
  outputNames: string[];
}

/**
 * Serialises the computation from `inputs` to `outputs` as an ONNX ModelProto (default domain,
 * opset 17). Only what the outputs depend on is written; small constant arithmetic is folded.
 */
export function exportOnnx(
  inputs: readonly Tensor[],
  outputs: Readonly<Record<string, Tensor>>,
  options: ExportOptions = {},
): OnnxModel {
  const order = topologicalOrder(Object.values(outputs));
  const declared = new Set(inputs);
  for (const t of order) {
    if (isInput(t) && !declared.has(t)) {
      throw new GraphError('export', `the outputs need input "${t.name}", which is not declared`);
    }
  }
  // ONNX defines each value name once; the Identity an output would need cannot reuse an input's.
  const declaredNames = new Set(inputs.map((t) => t.name));
  for (const name of Object.keys(outputs)) {
    if (declaredNames.has(name)) {
      throw new GraphError('export', `output "${name}" has the same name as a graph input`);
    }
  }

  const writer = new GraphWriter(options.externalData);
  const folded = new Map<Tensor, AnyTypedArray>();
  const valueName = new Map<Tensor, string>();
  for (const t of inputs) valueName.set(t, t.name);

  // An output produced by a node takes the output's name directly; inputs, constants and tensors
  // that serve as two outputs get an Identity node.
  const outputOf = new Map<Tensor, string>();
  for (const [name, t] of Object.entries(outputs)) {
    if (!isInput(t) && !isConstant(t) && !outputOf.has(t)) outputOf.set(t, name);
  }

  for (const t of order) {
    if (isInput(t)) continue;
    if (isConstant(t)) {
      folded.set(t, constantValue(t));
      continue;
    }
    const operands = t.inputs.map((i) => folded.get(i));
    if (!outputOf.has(t) && operands.every((v) => v !== undefined)) {
      const value = foldConstant(t, operands as AnyTypedArray[]);
      if (value) {
        folded.set(t, value);
        continue;
      }
    }
    const inputNames = t.inputs.map((i) => {
      const value = folded.get(i);
      if (value && !valueName.has(i)) valueName.set(i, writer.initializer(value, i.shape, i.name));
      return valueName.get(i)!;
    });
    const name = outputOf.get(t) ?? t.name;
    valueName.set(t, name);
    writer.node(t, t.op.onnx(t), inputNames, name);
  }

  for (const [name, t] of Object.entries(outputs)) {
    if (outputOf.get(t) === name) continue;
    const value = folded.get(t);
    if (value && !valueName.has(t)) valueName.set(t, writer.initializer(value, t.shape, t.name));
    writer.identity(valueName.get(t)!, name);
  }

  const graph = create(GraphProtoSchema, {
    name: options.name ?? 'tessera',
    node: writer.nodes,
    initializer: writer.initializers,
    input: inputs.map((t) => valueInfo(t.name, t.dtype, t.shape)),
    output: Object.entries(outputs).map(([name, t]) => valueInfo(name, t.dtype, t.shape)),
  });
  const model = create(ModelProtoSchema, {
    irVersion: BigInt(IR_VERSION),
    producerName: 'tessera',
    opsetImport: [create(OperatorSetIdProtoSchema, { domain: '', version: BigInt(OPSET) })],
    graph,
  });
  return {
    model: toBinary(ModelProtoSchema, model),
    externalData: writer.external(),
    inputNames: inputs.map((t) => t.name),
    outputNames: Object.keys(outputs),
  };
}

function valueInfo(name: string, dtype: DType, shape: Shape) {
  return create(ValueInfoProtoSchema, {
    name,
    type: create(TypeProtoSchema, {
      value: {
        case: 'tensorType',
        value: create(TypeProto_TensorSchema, {
          elemType: onnxDataType[dtype],
          shape: {
            dim: shape.map((d) => ({ value: { case: 'dimValue' as const, value: BigInt(d) } })),
          },
        }),
      },
    }),
  });
}

function bytesOf(data: AnyTypedArray): Uint8Array<ArrayBuffer> {
  // Typed arrays are little-endian on every platform ORT and Tessera run on.
  const view = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(view) as Uint8Array<ArrayBuffer>;
}

/** Collects nodes and initializers, sharing identical small constants and int64 operands. */
class GraphWriter {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  private readonly byContent = new Map<string, string>();
  private readonly externalChunks: Uint8Array[] = [];
  private externalOffset = 0;
  private count = 0;

  constructor(private readonly externalData?: { path: string; minBytes: number }) {}

  initializer(data: AnyTypedArray, shape: Shape, hint: string): string {
    const small = data.byteLength <= 256;
    const key = small
      ? `${dtypeOf(data)}[${shape}]:${Buffer.from(bytesOf(data)).toString('base64')}`
      : '';
    const known = small ? this.byContent.get(key) : undefined;
    if (known) return known;
    const name = `${hint}#${this.count++}`;
    const tensor = create(TensorProtoSchema, {
      name,
      dims: shape.map((d) => BigInt(d)),
      dataType: onnxDataType[dtypeOf(data)],
    });
    if (this.externalData && data.byteLength >= this.externalData.minBytes) {
      this.storeExternally(tensor, bytesOf(data));
    } else {
      tensor.rawData = bytesOf(data);
    }
    this.initializers.push(tensor);
    if (small) this.byContent.set(key, name);
    return name;
  }

  node(t: Tensor, onnx: OnnxNode, inputs: string[], output: string): void {
    const extra = (onnx.int64Inputs ?? []).map((values) =>
      this.initializer(
        BigInt64Array.from(values, (v) => BigInt(v)),
        [values.length],
        `${t.name}/${onnx.type}`,
      ),
    );
    this.nodes.push(
      create(NodeProtoSchema, {
        name: t.name,
        opType: onnx.type,
        input: [...inputs, ...extra],
        output: [output],
        attribute: Object.entries(onnx.attributes ?? {}).map(([name, v]) => attribute(name, v)),
      }),
    );
  }

  identity(input: string, output: string): void {
    this.nodes.push(
      create(NodeProtoSchema, {
        name: `output:${output}`,
        opType: 'Identity',
        input: [input],
        output: [output],
      }),
    );
  }

  external(): { path: string; data: Uint8Array } | undefined {
    if (!this.externalData || this.externalChunks.length === 0) return undefined;
    return { path: this.externalData.path, data: Buffer.concat(this.externalChunks) };
  }

  private storeExternally(tensor: TensorProto, bytes: Uint8Array): void {
    // Offsets aligned to 64 bytes, as ONNX's own external-data writer does, so ORT can map them.
    const padding = (64 - (this.externalOffset % 64)) % 64;
    if (padding > 0) this.externalChunks.push(new Uint8Array(padding));
    this.externalOffset += padding;
    tensor.dataLocation = TensorProto_DataLocation.EXTERNAL;
    tensor.externalData = [
      { key: 'location', value: this.externalData!.path },
      { key: 'offset', value: String(this.externalOffset) },
      { key: 'length', value: String(bytes.byteLength) },
    ].map((e) => ({ $typeName: 'onnx.StringStringEntryProto' as const, ...e }));
    this.externalChunks.push(bytes);
    this.externalOffset += bytes.byteLength;
  }
}

function attribute(
  name: string,
  value: NonNullable<OnnxNode['attributes']>[string],
): AttributeProto {
  if ('ints' in value) {
    return create(AttributeProtoSchema, {
      name,
      type: AttributeProto_AttributeType.INTS,
      ints: value.ints.map((v) => BigInt(v)),
    });
  }
  if ('int' in value) {
    return create(AttributeProtoSchema, {
      name,
      type: AttributeProto_AttributeType.INT,
      i: BigInt(value.int),
    });
  }
  if ('float' in value) {
    return create(AttributeProtoSchema, {
      name,
      type: AttributeProto_AttributeType.FLOAT,
      f: value.float,
    });
  }
  return create(AttributeProtoSchema, {
    name,
    type: AttributeProto_AttributeType.STRING,
    s: new TextEncoder().encode(value.string) as Uint8Array<ArrayBuffer>,
  });
}
