// The C math library (libm) is the only platform code the pure stages use: plain functions on
// numbers, no pointers, no I/O. Importing it in one place keeps the other files platform-free.
#if canImport(Glibc)
@_exported import func Glibc.cos
@_exported import func Glibc.sin
#elseif canImport(Darwin)
@_exported import func Darwin.cos
@_exported import func Darwin.sin
#endif
