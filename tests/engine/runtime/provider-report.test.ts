import { describe, expect, it } from 'vitest';
import { assessProvider, failureReason } from '../../../electron/engine/runtime/provider-report';
import { compareWithReference } from '../../../electron/engine/runtime/result-comparison';

const expected = { y: [0.5, -2, 1000, 0] };

describe('assessProvider', () => {
  it('reports a provider whose result disagrees as not available, with the reason', () => {
    const wrong = compareWithReference({ y: [0.5, -2, 999, 0] }, expected);

    expect(assessProvider('webgpu', wrong, { gflops: 500 })).toEqual({
      name: 'webgpu',
      available: false,
      reason: 'wrong result: y[2] is 999 but the CPU reference is 1000 (tolerance 0.0001)',
    });
  });

  it('reports a provider that agrees as available, with its throughput', () => {
    const right = compareWithReference({ y: [0.5, -2, 1000, 0] }, expected);

    expect(assessProvider('cpu', right, { gflops: 31.416, device: 'AMD EPYC' })).toEqual({
      name: 'cpu',
      available: true,
      device: 'AMD EPYC',
      gflops: 31.42,
    });
  });
});

describe('failureReason', () => {
  it('keeps the actionable sentence of an onnxruntime check, not its source location', () => {
    // Recorded from onnxruntime-node 1.30 creating a WebGPU session with no Vulkan driver.
    const error = new Error(
      '/onnxruntime_src/onnxruntime/core/providers/webgpu/webgpu_context.cc:136 ' +
        'onnxruntime::webgpu::WebGpuContext::Initialize(const onnxruntime::webgpu::' +
        'WebGpuContextConfig&)::<lambda()> adapter_result.status == ' +
        'wgpu::RequestAdapterStatus::Success was false. ' +
        'Failed to get a WebGPU adapter: No supported adapters\n',
    );

    expect(failureReason(error)).toBe('Failed to get a WebGPU adapter: No supported adapters');
  });

  it('keeps other errors as their first line', () => {
    expect(
      failureReason(new Error('OrtSessionOptionsAppendExecutionProvider_Cuda: failed\nmore')),
    ).toBe('OrtSessionOptionsAppendExecutionProvider_Cuda: failed');
  });
});
