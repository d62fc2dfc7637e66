// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "interruptguard.h"

#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace Cli {

namespace {

int g_pipe[2] = {-1, -1};

extern "C" void onInterruptSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_pipe[1], &byte, 1);
}

} // namespace

struct InterruptGuard::Private {
    std::unique_ptr<QSocketNotifier> notifier;
    struct sigaction previous = {};
    bool installed = false;
};

InterruptGuard::InterruptGuard(std::function<void()> onInterrupt)
    : d(std::make_unique<Private>())
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_pipe) != 0)
        return;
    d->notifier = std::make_unique<QSocketNotifier>(g_pipe[0], QSocketNotifier::Read);
    QObject::connect(d->notifier.get(), &QSocketNotifier::activated, d->notifier.get(),
                     [onInterrupt = std::move(onInterrupt)] {
                         char byte;
                         [[maybe_unused]] const ssize_t n = ::read(g_pipe[0], &byte, 1);
                         onInterrupt();
                     });
    struct sigaction sa = {};
    sa.sa_handler = onInterruptSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &sa, &d->previous);
    d->installed = true;
}

InterruptGuard::~InterruptGuard()
{
    if (d->installed)
        ::sigaction(SIGINT, &d->previous, nullptr);
    d->notifier.reset();
    for (int &fd : g_pipe) {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
}

} // namespace Cli
