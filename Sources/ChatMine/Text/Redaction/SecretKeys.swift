/// The parameter names whose values are credentials (`token=`, `api_key=`, `X-Amz-Signature=` …).
enum SecretKeys {
    /// Whether a parameter name (ASCII) names a credential, ignoring case, `_`, `-` and `.`.
    static func isSensitive(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard key.count <= 40 else { return false }
        var folded: [UInt8] = []
        folded.reserveCapacity(key.count)
        for byte in key where byte != UInt8(ascii: "_") && byte != UInt8(ascii: "-") && byte != UInt8(ascii: ".") {
            folded.append(ScanByte.upper(byte) ? byte | 0x20 : byte)
        }
        let name = String(decoding: folded, as: UTF8.self)
        return exactNames.contains(name) || suffixes.contains(where: { name.hasSuffix($0) })
    }

    /// Names that are sensitive only on their own (`key`, but not `monkey`; `sig`, but not `design`).
    private static let exactNames: Set<String> = [
        "token", "key", "apikey", "secret", "password", "passwd", "pwd", "pass", "passphrase",
        "sig", "signature", "auth", "authorization", "credential", "credentials", "session",
        "sessionid", "sessid", "sid", "jwt", "bearer", "otp", "pin", "privatekey", "accesskey",
        "secretkey", "clientsecret", "apisecret", "xamzcredential", "xamzsecuritytoken",
    ]

    /// Name endings that make any parameter sensitive (`access_token`, `client_secret`, `X-Amz-Signature`).
    private static let suffixes = ["token", "secret", "password", "passwd", "apikey", "signature", "accesskey"]
}
