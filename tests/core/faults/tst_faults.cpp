// SPDX-License-Identifier: MIT
// Crash safety and faults (issue #7): a process killed with SIGKILL in the middle of an import
// or of a model write, a disk that fills up under SQLite (SQLITE_FULL, injected by a VFS that
// refuses to grow files), and an LLM endpoint that drops the connection mid-reply. After each
// the project opens, passes PRAGMA integrity_check and holds everything it acknowledged.
// (kill -9 during label autosave: tests/core/store, acknowledgedEditsSurviveKill.)
#include "test_util.h"
#include "vigil/llm.h"
#include "vigil/llm_potential.h"
#include "vigil/net/qt_http_transport.h"
#include "vigil/project.h"

#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QtTest>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <set>

using namespace vigil::core;
using vigil::test::makeTempDir;
using vigil::test::qs;

namespace {

// --- a VFS that can play a full disk ---
//
// It wraps the default VFS; while `full` is set, a write that would make a file longer fails
// with SQLITE_FULL, as on a real full disk (rewriting blocks a file already has still works).
// The wrapper's file is the real file itself (same size, same first bytes): only pMethods is
// swapped for a copy whose xWrite checks the size first. The unix VFS gives database files and
// journal/WAL files different method tables, so each gets its own copy.
namespace fullvfs {

std::atomic<bool> full{false};
sqlite3_vfs* realVfs = nullptr;
sqlite3_vfs wrapper;
constexpr int kMaxTables = 4;
std::array<const sqlite3_io_methods*, kMaxTables> realMethods{};
std::array<sqlite3_io_methods, kMaxTables> methods{};

const sqlite3_io_methods* realOf(const sqlite3_file* file)
{
    for (int i = 0; i < kMaxTables; ++i) {
        if (file->pMethods == &methods[static_cast<std::size_t>(i)]) {
            return realMethods[static_cast<std::size_t>(i)];
        }
    }
    return nullptr;
}

int fullWrite(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset)
{
    const sqlite3_io_methods* real = realOf(file);
    if (full.load()) {
        sqlite3_int64 size = 0;
        if (real->xFileSize(file, &size) != SQLITE_OK || offset + amount > size) {
            return SQLITE_FULL;
        }
    }
    return real->xWrite(file, data, amount, offset);
}

int fullOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* outFlags)
{
    const int rc = realVfs->xOpen(realVfs, name, file, flags, outFlags);
    if (rc != SQLITE_OK || file->pMethods == nullptr) {
        return rc;
    }
    for (std::size_t i = 0; i < realMethods.size(); ++i) {
        if (realMethods[i] == nullptr) {
            realMethods[i] = file->pMethods;
            methods[i] = *file->pMethods;
            methods[i].xWrite = &fullWrite;
        }
        if (realMethods[i] == file->pMethods) {
            file->pMethods = &methods[i];
            break;
        }
    }
    return rc;
}

/// Makes the wrapper the default VFS of the process (every Project opened later uses it).
void install()
{
    if (realVfs != nullptr) {
        return;
    }
    realVfs = sqlite3_vfs_find(nullptr);
    wrapper = *realVfs;
    wrapper.zName = "vigil-test-full-disk";
    wrapper.xOpen = &fullOpen;
    sqlite3_vfs_register(&wrapper, 1);
}

} // namespace fullvfs

/// One value of a read-only query on a file (outside the Project API).
std::string rawQuery(const std::string& path, const std::string& sql)
{
    sqlite3* db = nullptr;
    std::string out;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW) {
            const auto* text = sqlite3_column_text(st, 0);
            out = text != nullptr ? reinterpret_cast<const char*>(text) : "";
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return out;
}

ImportedSeries makeSeries(const std::string& name, Eigen::Index rows, double offset)
{
    ImportedSeries s;
    s.series.name = name;
    s.series.channelNames = {"v"};
    s.series.values.resize(rows, 1);
    for (Eigen::Index t = 0; t < rows; ++t) {
        s.series.values(t, 0) = offset + std::sin(0.01 * static_cast<double>(t));
    }
    return s;
}

/// A new project holding one series "base" of 1000 rows and one label on it.
std::string makeBaseProject(const std::string& dir)
{
    const std::string path = dir + "/p.vigil";
    auto p = Project::open(path, OpenMode::CreateIfMissing);
    if (!p) {
        return {};
    }
    auto ids = (*p)->addSeries({makeSeries("base", 1000, 0.0)});
    Label l;
    l.seriesId = ids ? ids->front() : 0;
    l.begin = 10;
    l.end = 20;
    return ids && (*p)->assignLabel(l, "before").ok() ? path : std::string();
}

/// Writes a CSV of `rows` rows: an index column and two value columns.
void writeCsv(const std::string& path, int rows, int seed)
{
    std::ofstream out(path, std::ios::binary);
    out << "t,a,b\n";
    char line[96];
    for (int t = 0; t < rows; ++t) {
        const int n =
            std::snprintf(line, sizeof line, "%d,%.6f,%.3f\n", t, std::sin(0.001 * t + seed),
                          static_cast<double>((t * 7 + seed) % 1000));
        out.write(line, n);
    }
}

/// The same bytes fault_writer stores for a seed.
std::vector<std::uint8_t> blobFor(std::uint64_t seed, std::size_t bytes)
{
    std::vector<std::uint8_t> blob(bytes);
    std::uint64_t x = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    for (std::uint8_t& b : blob) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        b = static_cast<std::uint8_t>(x >> 56);
    }
    return blob;
}

// --- an endpoint that dies mid-request ---

/// A tests-only chat-completions server (the pattern of tests/core/llmio): it reads a whole
/// request and then answers well or drops the connection at some point of the reply.
class DyingChatServer
{
public:
    enum class Mode {
        Good,        ///< a complete, valid completion
        CloseAtOnce, ///< closes without sending a byte
        ResetAtOnce, ///< aborts (RST) without sending a byte
        HalfHeaders, ///< part of the status line and headers, then closes
        HalfBody,    ///< headers promise more body than is sent, then closes
    };

    DyingChatServer()
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, [this] { accept(); });
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
    }
    ~DyingChatServer()
    {
        for (QTcpSocket* s : m_sockets) {
            s->abort();
            s->deleteLater();
        }
    }

    std::string baseUrl() const
    {
        return "http://127.0.0.1:" + std::to_string(m_server.serverPort()) + "/v1";
    }
    Mode mode = Mode::Good;
    int requests = 0;

private:
    void accept()
    {
        while (QTcpSocket* s = m_server.nextPendingConnection()) {
            m_sockets.push_back(s);
            auto buffer = std::make_shared<QByteArray>();
            QObject::connect(s, &QTcpSocket::readyRead, [this, s, buffer] {
                *buffer += s->readAll();
                const qsizetype end = buffer->indexOf("\r\n\r\n");
                if (end < 0) {
                    return;
                }
                qsizetype length = 0;
                for (const QByteArray& line : buffer->left(end).split('\n')) {
                    if (line.toLower().startsWith("content-length:")) {
                        length = line.mid(15).trimmed().toLongLong();
                    }
                }
                if (buffer->size() < end + 4 + length) {
                    return;
                }
                buffer->clear();
                ++requests;
                respond(s);
            });
        }
    }

    void respond(QTcpSocket* s) const
    {
        const std::string body = nlohmann::json{
            {"choices",
             {{{"message", {{"role", "assistant"}, {"content", "{\"severity\": 0.5}"}}},
               {"finish_reason",
                "stop"}}}}}.dump();
        const std::string head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                 "Connection: close\r\nContent-Length: ";
        std::string reply;
        switch (mode) {
        case Mode::Good:
            reply = head + std::to_string(body.size()) + "\r\n\r\n" + body;
            break;
        case Mode::CloseAtOnce:
            s->disconnectFromHost();
            return;
        case Mode::ResetAtOnce:
            s->abort();
            return;
        case Mode::HalfHeaders:
            reply = head.substr(0, 30);
            break;
        case Mode::HalfBody:
            reply = head + std::to_string(body.size() + 4096) + "\r\n\r\n" + body.substr(0, 20);
            break;
        }
        s->write(reply.data(), static_cast<qint64>(reply.size()));
        s->flush();
        s->disconnectFromHost();
    }

    QTcpServer m_server;
    std::vector<QTcpSocket*> m_sockets;
};

} // namespace

class TstFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { fullvfs::install(); }

    // --- kill -9 during an import ---

    void killDuringImport()
    {
        const std::string data = makeTempDir("faults-csv");
        // Two series of 1.5 M rows each, imported as one batch: big enough that the write
        // takes a while, so kills land before, inside and after the transaction.
        const int rows = 1'500'000;
        const std::vector<std::string> csvs = {data + "/first.csv", data + "/second.csv"};
        writeCsv(csvs[0], rows, 1);
        writeCsv(csvs[1], rows, 2);
        const auto importArgs = [&csvs](const std::string& project) {
            QStringList args = {QStringLiteral("import"), QStringLiteral("--project"), qs(project)};
            for (const std::string& c : csvs) {
                args << qs(c);
            }
            return args;
        };

        // One complete import tells how long it takes here and how many bytes it writes, so
        // the kills below can be spread over it (not a timing assertion: only where kills land).
        QElapsedTimer clock;
        std::int64_t fullMs = 0;
        double fullBytes = 0.0;
        {
            const std::string path = makeBaseProject(makeTempDir("faults-import"));
            QVERIFY(!path.empty());
            QProcess cli;
            clock.start();
            cli.start(QStringLiteral(VIGIL_CLI_PATH), importArgs(path));
            QVERIFY(cli.waitForFinished(300'000));
            fullMs = clock.elapsed();
            QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
            auto p = Project::open(path, OpenMode::OpenExisting);
            QVERIFY(p);
            QCOMPARE((*p)->listSeries()->size(), std::size_t(3));
            fullBytes = static_cast<double>(QFileInfo(qs(path)).size());
        }

        auto* rng = QRandomGenerator::global();
        int none = 0;
        int all = 0;
        for (int round = 0; round < 7; ++round) {
            const std::string path = makeBaseProject(makeTempDir("faults-import"));
            QVERIFY(!path.empty());
            QProcess cli;
            cli.start(QStringLiteral(VIGIL_CLI_PATH), importArgs(path));
            QVERIFY(cli.waitForStarted());
            if (round < 2) {
                // Anywhere, mostly while the files are still being parsed.
                const auto killAt =
                    static_cast<int>(static_cast<double>(fullMs) * rng->generateDouble());
                if (!cli.waitForFinished(killAt)) {
                    cli.kill(); // SIGKILL
                }
            } else {
                // Inside the write: once the WAL has grown to a random part of what the
                // whole import writes (SQLite spills the transaction there as it goes); a
                // threshold past the end lets the import finish, for the other outcome.
                const double threshold = fullBytes * 1.15 * rng->generateDouble();
                const QString wal = qs(path + "-wal");
                while (!cli.waitForFinished(1)) {
                    if (static_cast<double>(QFileInfo(wal).size()) >= threshold) {
                        cli.kill();
                        break;
                    }
                }
            }
            // (waitForFinished is false for a process that has already ended.)
            QVERIFY(cli.state() == QProcess::NotRunning || cli.waitForFinished(30'000));

            QCOMPARE(rawQuery(path, "PRAGMA integrity_check"), std::string("ok"));
            auto p = Project::open(path, OpenMode::OpenExisting);
            QVERIFY2(p, p ? "" : p.error().message.c_str());
            auto series = (*p)->listSeries();
            QVERIFY(series);
            std::set<std::string> names;
            for (const SeriesInfo& info : *series) {
                names.insert(info.name);
                auto values = (*p)->loadSeries(info.id); // checks the stored hash too
                QVERIFY2(values, values ? "" : values.error().message.c_str());
                QCOMPARE(values->length(), info.length);
            }
            QVERIFY(names.count("base") == 1);
            QCOMPARE((*p)->labels(series->front().id)->size(), std::size_t(1));
            // All or nothing: both new series, or neither, and no value chunk without a series.
            const std::size_t imported = names.size() - 1;
            QVERIFY2(
                imported == 0 || imported == 2,
                qPrintable(QStringLiteral("round %1: %2 of 2 series").arg(round).arg(imported)));
            (imported == 0 ? none : all) += 1;
            QCOMPARE(rawQuery(path, "SELECT count(*) FROM series_data WHERE series_id NOT IN "
                                    "(SELECT id FROM series)"),
                     std::string("0"));
            if (imported == 0 && round == 6) {
                // What a killed import left behind does not block the next one.
                p->reset();
                QProcess again;
                again.start(QStringLiteral(VIGIL_CLI_PATH), importArgs(path));
                QVERIFY(again.waitForFinished(300'000));
                QCOMPARE(again.exitCode(), 0);
            }
        }
        qInfo("killed imports: %d left nothing, %d had committed everything", none, all);
    }

    // --- kill -9 during a model write ---

    void killDuringModelWrite()
    {
        const std::string path = makeBaseProject(makeTempDir("faults-models"));
        QVERIFY(!path.empty());
        const std::size_t blobBytes = 8u << 20; // 8 MiB per model
        auto* rng = QRandomGenerator::global();
        std::size_t acknowledged = 0;
        std::uint64_t seed = 1000;
        for (int round = 0; round < 4; ++round) {
            QProcess writer;
            writer.start(QStringLiteral(VIGIL_FAULT_WRITER),
                         {QStringLiteral("models"), qs(path), QString::number(blobBytes),
                          QString::number(seed)});
            QVERIFY(writer.waitForStarted());
            const int killAfter = rng->bounded(1, 4);
            int acked = 0;
            while (acked < killAfter) {
                if (!writer.canReadLine() && !writer.waitForReadyRead(120'000)) {
                    QFAIL(writer.readAllStandardError().constData());
                }
                while (writer.canReadLine()) {
                    QVERIFY(writer.readLine().startsWith("ok "));
                    ++acked;
                }
            }
            // A random moment of the next write (an 8 MiB write takes some milliseconds).
            QThread::usleep(rng->bounded(0, 60'000));
            writer.kill();
            QVERIFY(writer.waitForFinished(30'000));
            for (const QByteArray& line : writer.readAllStandardOutput().split('\n')) {
                acked += line.startsWith("ok ") ? 1 : 0;
            }
            acknowledged += static_cast<std::size_t>(acked);

            QCOMPARE(rawQuery(path, "PRAGMA integrity_check"), std::string("ok"));
            auto p = Project::open(path, OpenMode::OpenExisting);
            QVERIFY2(p, p ? "" : p.error().message.c_str());
            auto models = (*p)->listModels();
            QVERIFY(models);
            // Every acknowledged model is there; at most the one in flight beyond them.
            QVERIFY2(models->size() == acknowledged || models->size() == acknowledged + 1,
                     qPrintable(QStringLiteral("round %1: %2 models, %3 acknowledged")
                                    .arg(round)
                                    .arg(models->size())
                                    .arg(acknowledged)));
            acknowledged = models->size();
            for (std::size_t i = 0; i < models->size(); ++i) {
                QCOMPARE((*models)[i].version, std::int64_t(i + 1)); // no gap, no duplicate
            }
            // The newest blob is whole: exactly the bytes of its seed.
            auto latest = (*p)->latestModel();
            QVERIFY(latest && latest->has_value());
            const auto config = nlohmann::json::parse((*latest)->configJson);
            const auto latestSeed = config.at("seed").get<std::uint64_t>();
            QVERIFY((*latest)->blob == blobFor(latestSeed, blobBytes));
            seed = latestSeed + 1;
            QCOMPARE((*p)->listSeries()->size(), std::size_t(1));
        }
    }

    // --- SQLITE_FULL ---

    void diskFull()
    {
        const std::string path = makeBaseProject(makeTempDir("faults-full"));
        QVERIFY(!path.empty());
        {
            auto p = Project::open(path, OpenMode::OpenExisting);
            QVERIFY(p);
            Project& project = **p;
            const std::int64_t base = project.listSeries()->front().id;

            fullvfs::full = true;
            // 2 M values cannot fit in the space the files already have.
            auto added = project.addSeries({makeSeries("big", 2'000'000, 5.0)});
            QVERIFY(!added);
            QVERIFY2(added.error().message.find("disk full") != std::string::npos,
                     added.error().message.c_str());
            qInfo("the error: %s", added.error().message.c_str());
            auto model =
                project.addModel("full", "{}", std::vector<std::uint8_t>(4u << 20, 7), "{}");
            QVERIFY(!model);
            QVERIFY2(model.error().message.find("disk full") != std::string::npos,
                     model.error().message.c_str());
            // Nothing of the failed writes is visible on this connection.
            QCOMPARE(project.listSeries()->size(), std::size_t(1));
            QCOMPARE(project.listModels()->size(), std::size_t(0));

            // Space is back: the same open project keeps working.
            fullvfs::full = false;
            Label l;
            l.seriesId = base;
            l.begin = 100;
            l.end = 110;
            QVERIFY(project.assignLabel(l, "after the disk was full"));
            QVERIFY(project.addSeries({makeSeries("after", 1000, 1.0)}));
        }
        QCOMPARE(rawQuery(path, "PRAGMA integrity_check"), std::string("ok"));
        auto p = Project::open(path, OpenMode::OpenExisting);
        QVERIFY2(p, p ? "" : p.error().message.c_str());
        auto series = (*p)->listSeries();
        QVERIFY(series);
        QCOMPARE(series->size(), std::size_t(2));
        QCOMPARE((*series)[0].name, std::string("base"));
        QCOMPARE((*series)[1].name, std::string("after"));
        auto values = (*p)->loadSeries((*series)[0].id);
        QVERIFY(values);
        QCOMPARE(values->values, makeSeries("base", 1000, 0.0).series.values);
        QCOMPARE((*p)->labels((*series)[0].id)->size(), std::size_t(2));
    }

    void diskFullWhileOpening()
    {
        // A new project cannot even be created: a clear error, and no file that would later
        // pass for a project.
        const std::string path = makeTempDir("faults-full-new") + "/new.vigil";
        fullvfs::full = true;
        auto p = Project::open(path, OpenMode::CreateIfMissing);
        fullvfs::full = false;
        QVERIFY(!p);
        QVERIFY2(p.error().message.find("disk full") != std::string::npos,
                 p.error().message.c_str());
        auto again = Project::open(path, OpenMode::CreateIfMissing);
        QVERIFY2(again, again ? "" : again.error().message.c_str());
        QVERIFY((*again)->addSeries({makeSeries("s", 10, 0.0)}));
    }

    // --- an LLM endpoint that dies mid-request ---

    void endpointDiesMidRequest_data()
    {
        QTest::addColumn<int>("mode");
        using M = DyingChatServer::Mode;
        QTest::newRow("close at once") << int(M::CloseAtOnce);
        QTest::newRow("reset at once") << int(M::ResetAtOnce);
        QTest::newRow("half the headers") << int(M::HalfHeaders);
        QTest::newRow("half the body") << int(M::HalfBody);
    }
    void endpointDiesMidRequest()
    {
        QFETCH(int, mode);
        DyingChatServer server;
        server.mode = static_cast<DyingChatServer::Mode>(mode);
        vigil::net::QtHttpTransport transport;
        OpenAiCompatibleConfig config;
        config.baseUrl = server.baseUrl();
        config.model = "test-model";
        // Long: a transport that missed the dropped connection would only come back with a
        // Timeout, which the check below rejects.
        config.timeoutSeconds = 120.0;
        config.maxRetries = 1;
        config.backoffSeconds = 0.0;
        config.sleep = [](double) {};
        OpenAiCompatibleProvider provider(config, transport);

        auto reply = provider.chat(ChatRequest::make("system", "user"));
        QVERIFY(!reply.ok());
        // Reported as the broken connection it is: not a Timeout (the drop was noticed) and
        // not a malformed reply (a truncated body is never parsed).
        QVERIFY2(reply.error().kind == LlmErrorKind::Unreachable, reply.error().message.c_str());
        QVERIFY(!reply.error().message.empty());
        QVERIFY(server.requests >= 1);

        // The severity potential turns the failure into its fallback value, not a crash.
        LlmWindowPotential window(provider, {});
        Eigen::MatrixXd windows = Eigen::MatrixXd::Zero(1, 25);
        windows(0, 24) = 6.0;
        const Eigen::VectorXd phi = window.evaluate(windows, 1);
        QCOMPARE(phi.size(), Eigen::Index(1));
        QVERIFY(phi(0) >= 0.0 && phi(0) <= 1.0);
        QCOMPARE(window.stats().failures, 1);

        // The endpoint comes back: the same provider and transport work again.
        server.mode = DyingChatServer::Mode::Good;
        auto good = provider.chat(ChatRequest::make("system", "user"));
        QVERIFY2(good.ok(), good.ok() ? "" : good.error().message.c_str());
        QVERIFY(good->text.find("severity") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TstFaults)
#include "tst_faults.moc"
