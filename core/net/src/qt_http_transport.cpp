// SPDX-License-Identifier: MIT
#include "vigil/net/qt_http_transport.h"

#include "vigil/phrases.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <mutex>

namespace vigil::net {

namespace {
/// The largest reply body read (a chat completion is a few kilobytes, a model list of 20 000
/// models about 2 MB): a server that sends more, or never stops, is cut off instead of filling
/// memory.
constexpr qint64 kMaxReplyBytes = qint64(8) << 20;
} // namespace

void ensureQtCoreApplication()
{
    static std::once_flag once;
    std::call_once(once, [] {
        if (QCoreApplication::instance() != nullptr) {
            return;
        }
        // The CLI has no Qt application; event loops need one. It lives until the process
        // ends (destroying it during static destruction would outlive Qt's own globals).
        static int argc = 1;
        static char name[] = "vigil-cli";
        static char* argv[] = {name, nullptr};
        new QCoreApplication(argc, argv); // NOLINT(cppcoreguidelines-owning-memory)
    });
}

QtHttpTransport::QtHttpTransport()
{
    ensureQtCoreApplication();
}

core::HttpResponse QtHttpTransport::send(const core::HttpRequest& request)
{
    core::HttpResponse out;
    const QUrl url(QString::fromStdString(request.url));
    if (!url.isValid() || (url.scheme() != QLatin1String("http") &&
                           url.scheme() != QLatin1String("https"))) {
        out.failure = core::HttpResponse::Failure::Unreachable;
        out.failureMessage = "(not an http(s) URL)"; // the caller names the URL, redacted
        return out;
    }
    QNetworkAccessManager manager;
    QNetworkRequest req(url);
    for (const auto& [name, value] : request.headers) {
        req.setRawHeader(QByteArray::fromStdString(name), QByteArray::fromStdString(value));
    }
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkReply* reply = nullptr;
    if (request.method == "POST") {
        reply = manager.post(req, QByteArray::fromStdString(request.body));
    } else {
        reply = manager.get(req);
    }
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    bool timedOut = false;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        reply->abort(); // emits finished, which ends the loop
    });
    // The body is read as it arrives, through a small buffer, so memory stays bounded.
    reply->setReadBufferSize(qint64(1) << 20);
    QByteArray body;
    bool tooLarge = false;
    const auto take = [&] {
        if (tooLarge) {
            return;
        }
        body += reply->readAll();
        const QVariant announced = reply->header(QNetworkRequest::ContentLengthHeader);
        if (body.size() > kMaxReplyBytes ||
            (announced.isValid() && announced.toLongLong() > kMaxReplyBytes)) {
            tooLarge = true;
            body.clear();
            reply->abort(); // emits finished, which ends the loop
        }
    };
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, take);
    const double ms = std::clamp(request.timeoutSeconds * 1000.0, 1.0, 24.0 * 3600.0 * 1000.0);
    timer.start(static_cast<int>(std::lround(ms)));
    // The caller's cancel is polled: the token is a plain atomic flag set on another thread.
    QTimer poll;
    bool cancelled = false;
    if (request.cancel != nullptr) {
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (request.cancel->isCancelled() && !cancelled) {
                cancelled = true;
                reply->abort(); // emits finished, which ends the loop
            }
        });
        poll.start(50);
    }
    if (!reply->isFinished() && (request.cancel == nullptr || !request.cancel->isCancelled())) {
        loop.exec();
    } else if (!reply->isFinished()) {
        cancelled = true;
        reply->abort();
    }
    timer.stop();
    poll.stop();
    if (!cancelled && !timedOut) {
        take(); // what arrived with the end of the reply, counted against the cap too
    }

    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (cancelled) {
        out.failure = core::HttpResponse::Failure::Cancelled;
        out.failureMessage = std::string(core::kCancelledMessage);
    } else if (tooLarge) {
        out.failure = core::HttpResponse::Failure::Unreachable;
        out.failureMessage = core::phrases::fill(core::phrases::kReplyTooLarge,
                                                 {std::to_string(kMaxReplyBytes >> 20)});
    } else if (timedOut) {
        out.failure = core::HttpResponse::Failure::Timeout;
        out.failureMessage = "timed out";
    } else if (!status.isValid()) {
        out.failure = core::HttpResponse::Failure::Unreachable;
        out.failureMessage = reply->errorString().toStdString();
    } else if (reply->error() > QNetworkReply::NoError &&
               reply->error() < QNetworkReply::ProxyConnectionRefusedError) {
        // Headers arrived but the connection failed before the body was complete (codes
        // 1-99 are network errors; HTTP error statuses have their own codes and pass below).
        // A truncated body must not be parsed as if it were the reply.
        out.failure = core::HttpResponse::Failure::Unreachable;
        out.failureMessage = "the connection broke off during the reply: "
                             + reply->errorString().toStdString();
    } else {
        out.status = status.toInt();
        out.body = body.toStdString();
        for (const auto& [name, value] : reply->rawHeaderPairs()) {
            std::string n = name.toStdString();
            std::transform(n.begin(), n.end(), n.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            out.headers.emplace_back(std::move(n), value.toStdString());
        }
    }
    delete reply; // NOLINT(cppcoreguidelines-owning-memory): owned by us once finished
    return out;
}

} // namespace vigil::net
