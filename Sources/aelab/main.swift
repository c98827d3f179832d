// aelab: entry point. Parses the command line and hands over; nothing else lives here.
import AutoencoderKit

print("aelab: engine skeleton; architecture \(Architecture(encoderSizes: [32]).description)")
