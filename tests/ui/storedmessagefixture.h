// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
// A stored message in one line, for the model tests.
#pragma once

#include "storage/storetypes.h"

/// A message as the store would load it: id, role, text and state.
inline StoredMessage msg(qint64 id, ChatMessage::Role role, const QString &text,
                         MessageState state = MessageState::Complete)
{
    StoredMessage m;
    m.id = id;
    m.role = role;
    m.content = text;
    m.state = state;
    return m;
}
