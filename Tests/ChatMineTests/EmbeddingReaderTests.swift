import Testing
@testable import ChatMine
