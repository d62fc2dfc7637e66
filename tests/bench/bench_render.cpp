// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// bench_render: streams a ~1 MB markdown answer with 30 code blocks at 5,000
// tokens/s into a real offscreen window, one update per 16.7 ms frame, and
// measures main-thread frame time (model update + polish + sync + render),
// total CPU, peak memory and time to first frame. Two modes, each in its own
// process (started by the parent run so both happen on the same machine in
// the same run):
//   blocks  the real view: MessageListView over ChatRowsModel over a
//           MessageListModel fed as ChatController feeds it; only the rows
//           on screen exist and only the open block re-renders;
//   naive   one Text.MarkdownText re-rendered with the whole message.
// It measures; it never passes or fails.
#include "benchtext.h"
#include "models/chatrowsmodel.h"
#include "models/messagelistmodel.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QProcess>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QtQml/qqmlextensionplugin.h>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <sys/resource.h>

Q_IMPORT_QML_PLUGIN(ConfabPlugin)

using namespace Qt::StringLiterals;

namespace {

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

long statusKb(const char *key)
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(qstrlen(key)).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

double percentile(QList<double> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.at(std::min<qsizetype>(v.size() - 1, qsizetype(p * double(v.size() - 1) + 0.5)));
}

const char *kBlocksQml = R"(
import QtQuick
import Confab
MessageListView {}
)";

const char *kNaiveQml = R"(
import QtQuick
Item {
    id: root
    property alias label: label
    Text {
        id: label
        width: root.width
        y: Math.min(0, root.height - height)
        textFormat: Text.MarkdownText
        wrapMode: Text.Wrap
    }
}
)";

// cpuLimit > 0: stop once the process has used that much CPU (the naive
// mode at 1 MB would run for about an hour); the result then says how far
// it got, and its CPU is a lower bound.
// traceMs > 0: print every frame slower than that, split into its parts.
int runMode(const QString &mode, qsizetype bytes, int codeBlocks, const QString &screenshot, double cpuLimit,
            double traceMs)
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    const QString answer = BenchText::answer(bytes, codeBlocks);
    const QList<qsizetype> tokenEnds = BenchText::tokenBoundaries(answer);

    QQmlEngine engine;
    QQuickWindow window;
    window.resize(1000, 800);
    QQmlComponent component(&engine);
    component.setData(mode == "naive"_L1 ? kNaiveQml : kBlocksQml, QUrl(u"bench.qml"_s));
    QScopedPointer<QObject> rootObject(component.create());
    auto *root = qobject_cast<QQuickItem *>(rootObject.data());
    if (!root) {
        std::fprintf(stderr, "%s\n", qPrintable(component.errorString()));
        return 1;
    }
    root->setParentItem(window.contentItem());
    root->setSize(window.size());
    // The blocks mode feeds the models the way ChatController does: append
    // the frame's text, update the token count.
    const bool blocks = mode != "naive"_L1;
    MessageListModel messages;
    ChatRowsModel rows;
    rows.setSource(&messages);
    constexpr qint64 answerId = 2;
    QObject *label = root->property("label").value<QObject *>();
    if (blocks) {
        StoredMessage question;
        question.id = 1;
        question.content = u"Write a long answer with code."_s;
        StoredMessage streaming;
        streaming.id = answerId;
        streaming.role = ChatMessage::Role::Assistant;
        streaming.state = MessageState::Streaming;
        streaming.model = u"bench"_s;
        messages.setMessages({question, streaming});
        root->setProperty("model", QVariant::fromValue<QObject *>(&rows));
    }

    double firstFrameMs = -1;
    QObject::connect(&window, &QQuickWindow::frameSwapped, &window, [&] {
        if (firstFrameMs < 0)
            firstFrameMs = double(sinceStart.nsecsElapsed()) / 1e6;
    });
    window.show();
    auto renderNow = [&window] {
        QEvent request(QEvent::UpdateRequest);
        QCoreApplication::sendEvent(&window, &request);
    };
    renderNow();
    QCoreApplication::processEvents();

    // 5,000 tokens/s, one update per 16.67 ms frame: ~83 tokens a frame.
    const double tokensPerFrame = 5000.0 / 60.0;
    QList<double> wallMs, cpuMs, updateMs, eventsMs;
    const double cpuBefore = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    double due = 0;
    qsizetype sent = 0;
    qsizetype token = 0;
    bool stopped = false;
    while (token < tokenEnds.size()) {
        if (cpuLimit > 0 && cpuSeconds() - cpuBefore > cpuLimit) {
            stopped = true;
            break;
        }
        due += tokensPerFrame;
        while (token < tokenEnds.size() && double(token) < due)
            ++token;
        const qsizetype end = token < tokenEnds.size() ? tokenEnds.at(token - 1) : answer.size();
        const QStringView delta = QStringView(answer).mid(sent, end - sent);
        const qint64 t0 = wall.nsecsElapsed();
        const double c0 = threadCpuMs();
        if (blocks) {
            messages.appendText(answerId, delta);
            messages.setUsage(answerId, 1200, token);
        } else {
            label->setProperty("text", answer.left(end));
        }
        updateMs.append(double(wall.nsecsElapsed() - t0) / 1e6);
        // Everything the main thread does for the frame counts: the events
        // the update queued (Qt.callLater, deferred deletes...), then
        // polish, sync and render.
        const qint64 t1 = wall.nsecsElapsed();
        QCoreApplication::processEvents();
        eventsMs.append(double(wall.nsecsElapsed() - t1) / 1e6);
        window.update();
        renderNow();
        wallMs.append(double(wall.nsecsElapsed() - t0) / 1e6);
        if (traceMs > 0 && wallMs.last() > traceMs) {
            std::fprintf(stderr, "slow frame %lld at byte %lld: %.1f ms (update %.1f, events %.1f, render %.1f), rows %d\n",
                         qlonglong(wallMs.size() - 1), qlonglong(end), wallMs.last(), updateMs.last(), eventsMs.last(),
                         wallMs.last() - updateMs.last() - eventsMs.last(), rows.rowCount());
        }
        cpuMs.append(threadCpuMs() - c0);
        sent = end;
    }
    if (blocks && !stopped)
        messages.setState(answerId, MessageState::Complete);
    const double cpuTotal = cpuSeconds() - cpuBefore;
    std::printf("RESULT mode=%s bytes=%lld frames=%lld p50_ms=%.3f p99_ms=%.3f max_ms=%.3f cpu_p50_ms=%.3f "
                "cpu_p99_ms=%.3f update_p50_ms=%.3f update_p99_ms=%.3f events_p99_ms=%.3f cpu_s=%.3f wall_s=%.3f vmhwm_kb=%ld first_frame_ms=%.1f rows=%d streamed_bytes=%lld stopped_at_cpu_limit=%d\n",
                qPrintable(mode), qlonglong(answer.size()), qlonglong(wallMs.size()), percentile(wallMs, 0.5),
                percentile(wallMs, 0.99), percentile(wallMs, 1.0), percentile(cpuMs, 0.5), percentile(cpuMs, 0.99),
                percentile(updateMs, 0.5), percentile(updateMs, 0.99), percentile(eventsMs, 0.99), cpuTotal, double(wall.nsecsElapsed()) / 1e9, statusKb("VmHWM:"), firstFrameMs, rows.rowCount(), qlonglong(sent), int(stopped));
    std::fflush(stdout);
    if (!screenshot.isEmpty()) {
        if (blocks) // show the status card too
            messages.setState(answerId, MessageState::Interrupted);
        renderNow();
        window.grabWindow().save(screenshot);
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    QGuiApplication app(argc, argv);
    QQuickStyle::setStyle(u"Fusion"_s);

    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"mode"_s, u"blocks or naive (default: run both, each in a child process)"_s, u"mode"_s});
    parser.addOption({u"bytes"_s, u"size of the answer (default 1000000)"_s, u"bytes"_s, u"1000000"_s});
    parser.addOption({u"naive-bytes"_s, u"size of the answer for the naive run (default: --bytes)"_s, u"bytes"_s});
    parser.addOption({u"code-blocks"_s, u"fenced code blocks in the answer (default 30)"_s, u"n"_s, u"30"_s});
    parser.addOption({u"screenshot"_s, u"save the window at the end of the run as a PNG"_s, u"file"_s});
    parser.addOption({u"trace-slow"_s, u"print each frame slower than this (ms), split into its parts"_s,
                      u"ms"_s, u"0"_s});
    parser.addOption({u"cpu-limit"_s, u"stop a run after this much CPU (seconds); "
                                      "with both modes, the naive run only"_s, u"seconds"_s, u"0"_s});
    parser.process(app);
    const qsizetype bytes = parser.value(u"bytes"_s).toLongLong();
    if (parser.isSet(u"mode"_s))
        return runMode(parser.value(u"mode"_s), bytes, parser.value(u"code-blocks"_s).toInt(),
                       parser.value(u"screenshot"_s), parser.value(u"cpu-limit"_s).toDouble(),
                       parser.value(u"trace-slow"_s).toDouble());

    const QString all = QString::number(bytes);
    const QString naive = parser.isSet(u"naive-bytes"_s) ? parser.value(u"naive-bytes"_s) : all;
    QList<QStringList> runs = {{u"blocks"_s, all}};
    if (naive != all)
        runs.append({u"blocks"_s, naive}); // the same size as the naive run, for the CPU ratio
    runs.append({u"naive"_s, naive});
    for (const QStringList &run : std::as_const(runs)) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QStringList args = {u"--mode"_s, run.at(0), u"--bytes"_s, run.at(1),
                            u"--code-blocks"_s, parser.value(u"code-blocks"_s)};
        if (run.at(0) == u"naive"_s)
            args << u"--cpu-limit"_s << parser.value(u"cpu-limit"_s);
        child.start(QCoreApplication::applicationFilePath(), args);
        child.waitForFinished(-1);
        std::fputs(child.readAllStandardOutput().constData(), stdout);
        std::fflush(stdout);
    }
    return 0;
}
