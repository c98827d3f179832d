// aelab: entry point. Parses the command line and hands over; nothing else lives here.
BLASCoreSelection.restartWithBetterKernelIfNeeded()
AelabCommand.runAndExit()
