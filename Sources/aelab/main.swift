// aelab: entry point. One process-wide setting, then the command line takes over.
import CCPUTarget
import CTermGuard

cputarget_check_or_exit()  // a binary built for AVX-512 says so on an older CPU instead of SIGILL
termguard_ignore_file_size_signal()  // past a file-size limit a write fails (EFBIG) instead of killing
BLASCoreSelection.restartWithBetterKernelIfNeeded()
AelabCommand.runAndExit()
