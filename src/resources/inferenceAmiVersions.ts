/*
 * The inference AMIs an endpoint variant may ask for (`ProductionVariant.InferenceAmiVersion`): botocore's
 * SageMaker model lists them (ProductionVariantInferenceAmiVersion) and documents each one's driver and
 * CUDA (or Neuron) stack. The wizard offers them; the tree and readiness name what one carries.
 */

/** The model's ProductionVariantInferenceAmiVersion enum, in its order. */
export const inferenceAmiVersions = [
  'al2-ami-sagemaker-inference-gpu-2',
  'al2-ami-sagemaker-inference-gpu-2-1',
  'al2-ami-sagemaker-inference-gpu-3-1',
  'al2-ami-sagemaker-inference-neuron-2',
  'al2023-ami-sagemaker-inference-gpu-4-1',
] as const;
export type InferenceAmiVersion = (typeof inferenceAmiVersions)[number];

/**
 * What each AMI carries (the model's documentation of ProductionVariant.InferenceAmiVersion) and when to
 * pick it: the container's CUDA (or Neuron SDK) must be one the driver runs, or the copy fails to start
 * and the wake with it.
 */
export const inferenceAmiStacks: Record<InferenceAmiVersion, { accelerator: 'gpu' | 'neuron'; stack: string; short: string; why: string }> = {
  'al2-ami-sagemaker-inference-gpu-2': {
    accelerator: 'gpu',
    stack: 'NVIDIA driver 535, CUDA 12.2',
    short: 'driver 535, CUDA 12.2',
    why: 'For CUDA 12.2 (or older) containers that need CUDA compat libraries mounted.',
  },
  'al2-ami-sagemaker-inference-gpu-2-1': {
    accelerator: 'gpu',
    stack: 'NVIDIA driver 535, CUDA 12.2, CUDA-compat mounting off',
    short: 'driver 535, CUDA 12.2, no compat mount',
    why: 'For CUDA 12.2 containers that bring their own CUDA compat libraries.',
  },
  'al2-ami-sagemaker-inference-gpu-3-1': {
    accelerator: 'gpu',
    stack: 'NVIDIA driver 550, CUDA 12.4, CUDA-compat mounting off',
    short: 'driver 550, CUDA 12.4, no compat mount',
    why: 'For containers built for CUDA 12.4; an older driver refuses them.',
  },
  'al2-ami-sagemaker-inference-neuron-2': {
    accelerator: 'neuron',
    stack: 'Neuron driver 2.19, for Inferentia2 and Trainium',
    short: 'Neuron driver 2.19',
    why: 'For Neuron containers on ml.inf2 and ml.trn1; it has no NVIDIA driver.',
  },
  'al2023-ami-sagemaker-inference-gpu-4-1': {
    accelerator: 'gpu',
    stack: 'NVIDIA driver 580, CUDA 13.0, Amazon Linux 2023, CUDA-compat mounting off',
    short: 'driver 580, CUDA 13.0, AL2023',
    why: 'For CUDA 13 containers; the newest driver, which also runs CUDA 12 ones.',
  },
};

