// SPDX-License-Identifier: MIT
// The HTTP transport of the openai-compatible provider, over Qt Network. This header is Qt-free
// so that the CLI and core code can use it without seeing Qt.
//
// Thread rules: send() may be called from any thread, also concurrently: each call creates its
// own QNetworkAccessManager and runs a private QEventLoop on the calling thread until the reply
// or the timeout. A QCoreApplication must exist (Qt needs one for event loops); the
// constructor creates one when there is none, so construct the transport on the main thread
// first (the CLI does; the GUI and the tests already have an application).
#pragma once

#include "vigil/llm.h"

#include <memory>

namespace vigil::net {

/// Creates a QCoreApplication if none exists. Call from the main thread.
void ensureQtCoreApplication();

/// core::HttpTransport over QNetworkAccessManager.
class QtHttpTransport final : public core::HttpTransport
{
public:
    QtHttpTransport();
    core::HttpResponse send(const core::HttpRequest& request) override;
};

} // namespace vigil::net
