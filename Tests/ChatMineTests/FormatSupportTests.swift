import Testing
@testable import ChatMine

@Suite struct FormatSupportTests {
    @Test func handoffNames() {
        #expect(Platform.isHandoff("action_human_handoff"))
        #expect(Platform.isHandoff("TransferToAgent"))
        #expect(Platform.isHandoff("speak_to_human"))
        #expect(!Platform.isHandoff("action_check_order"))
        #expect(!Platform.isHandoff("TravelAgentBooking"))
    }
}
