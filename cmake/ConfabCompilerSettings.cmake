# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Confab contributors
#
# Warnings, Qt string hygiene and sanitizers, applied to every Confab target
# through the confab_settings interface library.

add_library(confab_settings INTERFACE)
target_compile_definitions(confab_settings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(confab_settings INTERFACE
        -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
        -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
    if(CONFAB_WERROR)
        target_compile_options(confab_settings INTERFACE -Werror)
    endif()
    if(CONFAB_SANITIZE)
        target_compile_options(confab_settings INTERFACE
            -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
        target_link_options(confab_settings INTERFACE -fsanitize=address,undefined)
    endif()
endif()
