/* NE_HD marks per-element math shared by the C kernels and the CUDA kernels:
 * under nvcc it becomes __host__ __device__, elsewhere nothing. Keep these
 * functions free of libm calls whose results differ between CPU and GPU. */
#ifndef NE_HD_H
#define NE_HD_H

#if defined(__CUDACC__)
#define NE_HD __host__ __device__
#else
#define NE_HD
#endif

#endif
