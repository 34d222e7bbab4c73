/** The ways of running the model (onnxruntime execution providers), in the words people read. */
export const providers = {
  auto: 'Automatic (fastest that works)',
  names: {
    cuda: 'NVIDIA CUDA',
    dml: 'DirectML (Windows)',
    webgpu: 'WebGPU',
    cpu: 'Processor only (CPU)',
  },
  howToEnable: {
    cuda: 'Install a current NVIDIA driver with CUDA 12 and cuDNN 9, then install the CUDA add-on (on a command line: npm run setup:cuda) and restart Tessera.',
    dml: 'Available on Windows 10 and 11 only; update the graphics driver if it is missing there.',
    webgpu:
      'Update the graphics driver; on Linux, install the Vulkan driver for your card (mesa-vulkan-drivers or the vendor driver).',
    cpu: 'Always available.',
  },
};
