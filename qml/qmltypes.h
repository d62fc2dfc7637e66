// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

// QML registrations for confabcore types. confabcore itself does not depend on
// QtQml; the types it exposes to QML are declared here with QML_FOREIGN.
#include <QtQml/qqmlregistration.h>

#include "controllers/apiservercontroller.h"
#include "controllers/chatcontroller.h"
#include "controllers/conversationscontroller.h"
#include "controllers/localserverprobe.h"
#include "controllers/providerdirectory.h"
#include "models/chatrowsmodel.h"
#include "models/conversationlistmodel.h"
#include "models/messagelistmodel.h"

struct ForeignChatController {
    Q_GADGET
    QML_FOREIGN(ChatController)
    QML_NAMED_ELEMENT(ChatController)
    QML_UNCREATABLE("Created by ConversationsController")
};

struct ForeignConversationsController {
    Q_GADGET
    QML_FOREIGN(ConversationsController)
    QML_NAMED_ELEMENT(ConversationsController)
    QML_UNCREATABLE("Created once in main")
};

struct ForeignProviderDirectory {
    Q_GADGET
    QML_FOREIGN(ProviderDirectory)
    QML_NAMED_ELEMENT(ProviderDirectory)
    QML_UNCREATABLE("Created once in main")
};

struct ForeignLocalServerProbe {
    Q_GADGET
    QML_FOREIGN(LocalServerProbe)
    QML_NAMED_ELEMENT(LocalServerProbe)
    QML_UNCREATABLE("Created once in main")
};

struct ForeignMessageListModel {
    Q_GADGET
    QML_FOREIGN(MessageListModel)
    QML_NAMED_ELEMENT(MessageListModel)
    QML_UNCREATABLE("Owned by a ChatController")
};

struct ForeignConversationListModel {
    Q_GADGET
    QML_FOREIGN(ConversationListModel)
    QML_NAMED_ELEMENT(ConversationListModel)
    QML_UNCREATABLE("Owned by the ConversationsController")
};

struct ForeignApiServerController {
    Q_GADGET
    QML_FOREIGN(ApiServerController)
    QML_NAMED_ELEMENT(ApiServerController)
    QML_UNCREATABLE("Created once in main")
};

struct ForeignChatRowsModel {
    Q_GADGET
    QML_FOREIGN(ChatRowsModel)
    QML_NAMED_ELEMENT(ChatRowsModel)
    QML_UNCREATABLE("Owned by a ChatController")
};
