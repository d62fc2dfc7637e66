// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

// QML registration of the message rendering types from confabcore.
#include "models/messageblocksmodel.h"

#include <QtQml/qqmlregistration.h>

/// MessageBlocksModel is normally handed to QML by MessageListModel's
/// `blocks` role; it is creatable so tests and previews can build one.
struct MessageBlocksModelForeign
{
    Q_GADGET
    QML_FOREIGN(MessageBlocksModel)
    QML_NAMED_ELEMENT(MessageBlocksModel)
};
