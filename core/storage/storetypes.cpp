// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "storetypes.h"

using namespace Qt::Literals::StringLiterals;

namespace {
struct StateName {
    MessageState state;
    QLatin1StringView name;
};
constexpr StateName stateNames[] = {
    {MessageState::Complete, "complete"_L1},
    {MessageState::Streaming, "streaming"_L1},
    {MessageState::Interrupted, "interrupted"_L1},
    {MessageState::Cancelled, "cancelled"_L1},
    {MessageState::Failed, "failed"_L1},
};

struct RoleName {
    ChatMessage::Role role;
    QLatin1StringView name;
};
constexpr RoleName roleNames[] = {
    {ChatMessage::Role::System, "system"_L1},
    {ChatMessage::Role::User, "user"_L1},
    {ChatMessage::Role::Assistant, "assistant"_L1},
    {ChatMessage::Role::Tool, "tool"_L1},
};
} // namespace

QString messageStateName(MessageState state)
{
    for (const auto &s : stateNames) {
        if (s.state == state)
            return s.name;
    }
    return {};
}

bool messageStateFromName(QStringView name, MessageState *state)
{
    for (const auto &s : stateNames) {
        if (name == s.name) {
            *state = s.state;
            return true;
        }
    }
    return false;
}

bool isContinuable(MessageState state)
{
    return state == MessageState::Interrupted || state == MessageState::Cancelled
        || state == MessageState::Failed;
}

QString roleName(ChatMessage::Role role)
{
    for (const auto &r : roleNames) {
        if (r.role == role)
            return r.name;
    }
    return {};
}

bool roleFromName(QStringView name, ChatMessage::Role *role)
{
    for (const auto &r : roleNames) {
        if (name == r.name) {
            *role = r.role;
            return true;
        }
    }
    return false;
}

ChatMessage StoredMessage::toChatMessage() const
{
    ChatMessage m;
    m.role = role;
    m.content = content;
    m.thinking = thinking;
    m.thinkingSignature = thinkingSignature;
    m.toolCalls = toolCalls;
    m.toolCallId = toolCallId;
    return m;
}
