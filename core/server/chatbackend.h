// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "apierror.h"
#include "protocol/chatrequest.h"
#include "protocol/streamevent.h"

#include <QObject>
#include <QStringList>

/// One upstream answer the API server relays. The resilience behind it
/// (retries, resume with stitching, fallback) is invisible here: the events
/// are the stitched answer, in order, each delta exactly once.
class BackendStream : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    /// Starts the upstream request(s).
    virtual void start() = 0;
    /// Cancels the upstream request at once. No signals follow.
    virtual void cancel() = 0;

Q_SIGNALS:
    /// A TextDelta, ThinkingDelta, ToolCallDelta, Usage or Finish of the answer.
    void event(const StreamEvent &event);
    /// The answer is complete (a Finish event was emitted before).
    void completed();
    /// Every attempt and fallback failed; the answer is incomplete.
    void failed(const ApiError &error);
};

/// What stands behind the API server's endpoints: the configured providers.
class ChatBackend
{
public:
    virtual ~ChatBackend() = default;
    /// A new, not yet started stream for the request; owned by parent.
    virtual BackendStream *createStream(const ChatRequest &request, QObject *parent) = 0;
    /// Model ids listed by GET /v1/models (the first is the default).
    virtual QStringList models() const = 0;
};
