import Foundation
import Ramz

/// `Effect.http`: one request through an ephemeral `URLSession` (no
/// cookies, no cache, no credentials kept), answered with
/// `Event.httpResponse` (any HTTP status: the core reads it) or
/// `Event.httpFailed` (no answer at all). The body is a public key and a
/// MAC: nothing secret; TLS and App Transport Security apply as usual.
final class Http {
    private let session: URLSession = {
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = 30
        config.waitsForConnectivity = false
        return URLSession(configuration: config)
    }()

    func send(_ request: HttpRequest, answer: @escaping @MainActor (Event) -> Void) {
        guard let url = URL(string: request.url) else {
            Task { @MainActor in answer(.httpFailed) }
            return
        }
        var call = URLRequest(url: url)
        call.httpMethod = request.method
        call.setValue(request.contentType, forHTTPHeaderField: "Content-Type")
        call.httpBody = request.body
        session.dataTask(with: call) { data, response, error in
            let event: Event
            if error == nil, let http = response as? HTTPURLResponse {
                event = .httpResponse(status: UInt16(clamping: http.statusCode), body: data ?? Data(),
                                      unix: Store.now())
            } else {
                event = .httpFailed
            }
            Task { @MainActor in answer(event) }
        }.resume()
    }
}
