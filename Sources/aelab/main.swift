// aelab: entry point. One process-wide setting, then the command line takes over.
import CTermGuard

termguard_ignore_file_size_signal()  // past a file-size limit a write fails (EFBIG) instead of killing
BLASCoreSelection.restartWithBetterKernelIfNeeded()
AelabCommand.runAndExit()
