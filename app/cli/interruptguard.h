// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <functional>
#include <memory>

class QSocketNotifier;

namespace Cli {

/// Routes SIGINT (Ctrl-C) into the event loop for as long as it lives: the
/// signal handler only writes a byte to a socket pair (async-signal-safe);
/// onInterrupt runs on the event loop. One at a time.
class InterruptGuard
{
public:
    explicit InterruptGuard(std::function<void()> onInterrupt);
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard &) = delete;
    InterruptGuard &operator=(const InterruptGuard &) = delete;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Cli
