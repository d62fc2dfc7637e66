// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "faultscript.h"

#include <memory>

class QTcpSocket;

namespace FaultInjection {

class FaultServer;

/// Serves one accepted socket: reads one HTTP/1.1 request and writes the
/// scripted (and faulted) response. The handler is owned by the socket.
void startFaultConnection(FaultServer *server, QTcpSocket *socket, std::shared_ptr<const FaultScript> script);

} // namespace FaultInjection
