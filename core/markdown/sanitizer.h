// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QString>
#include <QStringView>

namespace Markdown {

/// Makes model-written markdown safe to hand to a rich-text renderer
/// (Qt's Text.MarkdownText / QTextDocument::setMarkdown):
///  - image syntax `![alt](url)` becomes a link `[Image: alt](url)`, so no
///    image is ever fetched on its own;
///  - raw HTML (`<img ...>`, `<table background=...>`, any tag, comment or
///    processing instruction) is escaped and shows as text, because the
///    renderer would otherwise interpret it and could load resources.
/// Autolinks (`<https://...>`, `<a@b.c>`) are left as they are. In inline
/// code spans and fenced code the text keeps its look: a zero-width space
/// goes after the '!' of "![" and the '<' of a tag, so that even where a
/// renderer disagrees about what is code, nothing becomes an image or HTML.
QString sanitizeForDisplay(QStringView markdown);

} // namespace Markdown
