# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Confab contributors
#
# Finds every dependency. A missing one stops configuration with a message
# naming the package to install on Debian/Ubuntu, Fedora and Arch.

function(confab_require_package name debian fedora arch)
    if(NOT ${name}_FOUND)
        message(FATAL_ERROR
            "Confab needs ${name}, which was not found.\n"
            "Install it with one of:\n"
            "  Debian 13 / Ubuntu 24.10+:  apt install ${debian}\n"
            "  Fedora:                     dnf install ${fedora}\n"
            "  Arch:                       pacman -S ${arch}\n"
            "or run the build through scripts/with-deps, which provides a Debian 13 root with everything.")
    endif()
endfunction()

set(CONFAB_QT_MIN 6.5)
foreach(component IN ITEMS Core Network Sql Gui Quick QuickControls2 Test QuickTest)
    find_package(Qt6${component} ${CONFAB_QT_MIN} QUIET)
endforeach()
confab_require_package(Qt6Core "qt6-base-dev" "qt6-qtbase-devel" "qt6-base")
confab_require_package(Qt6Network "qt6-base-dev" "qt6-qtbase-devel" "qt6-base")
confab_require_package(Qt6Sql "qt6-base-dev libqt6sql6-sqlite" "qt6-qtbase-devel" "qt6-base")
confab_require_package(Qt6Gui "qt6-base-dev" "qt6-qtbase-devel" "qt6-base")
confab_require_package(Qt6Quick "qt6-declarative-dev" "qt6-qtdeclarative-devel" "qt6-declarative")
confab_require_package(Qt6QuickControls2 "qt6-declarative-dev" "qt6-qtdeclarative-devel" "qt6-declarative")
confab_require_package(Qt6Test "qt6-base-dev" "qt6-qtbase-devel" "qt6-base")
confab_require_package(Qt6QuickTest "qt6-declarative-dev qml6-module-qttest" "qt6-qtdeclarative-devel" "qt6-declarative")
# Qt6::Core etc. targets come from the umbrella package.
find_package(Qt6 ${CONFAB_QT_MIN} REQUIRED COMPONENTS Core Network Sql Gui Qml Quick QuickControls2 Test QuickTest)

# The local API server (core/server) is built on Qt HttpServer and Qt WebSockets.
# It streams with QHttpServerResponder's chunked API, which Qt HttpServer
# gained in 6.8, so that one module needs 6.8 while the rest of Qt needs 6.5.
find_package(Qt6HttpServer 6.8 QUIET)
find_package(Qt6WebSockets ${CONFAB_QT_MIN} QUIET)
confab_require_package(Qt6HttpServer "qt6-httpserver-dev" "qt6-qthttpserver-devel" "qt6-httpserver")
confab_require_package(Qt6WebSockets "qt6-websockets-dev" "qt6-qtwebsockets-devel" "qt6-websockets")

find_package(KF6SyntaxHighlighting QUIET)
confab_require_package(KF6SyntaxHighlighting "libkf6syntaxhighlighting-dev" "kf6-syntax-highlighting-devel" "syntax-highlighting")

find_package(Qt6Keychain QUIET)
confab_require_package(Qt6Keychain "qtkeychain-qt6-dev" "qtkeychain-qt6-devel" "qtkeychain-qt6")
