"""Provides the walk over the kiosk's screens that finds every handler starting a command.

A handler starts a command when it, or a method of its screen it calls (followed through the
class's own methods, as Python resolves them), calls `self.calls.command(...)` or posts a
message the app carries out as a command (an AppCommand, e.g. SignOff). Each is named
"<Screen> <message> <selector>", e.g. "ChecklistScreen Button.Pressed #confirm", or
"<Screen> <on_handler>" for a handler found by its name, e.g. "ReturnScreen on_device_scanned".
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import pkgutil
import textwrap
from collections.abc import Callable, Iterator
from typing import Any

from textual.screen import Screen

import tui.dialogs
import tui.screens
from tui.messages import AppCommand

PACKAGES = (tui.screens, tui.dialogs)


def screen_classes() -> list[type[Screen[Any]]]:
    """Every screen and dialog class the kiosk defines."""
    found: list[type[Screen[Any]]] = []
    for package in PACKAGES:
        for info in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
            module = importlib.import_module(info.name)
            for value in vars(module).values():
                if (
                    isinstance(value, type)
                    and issubclass(value, Screen)
                    and value.__module__ == module.__name__
                ):
                    found.append(value)
    return found


def _function(cls: type, name: str) -> ast.FunctionDef | None:
    method = getattr(cls, name, None)
    if not inspect.isfunction(method):
        return None
    return _parsed(method)


# Every screen inherits Textual's few hundred methods: each is read and parsed once, not once
# per screen (that walk took a minute).
@functools.cache
def _parsed(method: Callable[..., object]) -> ast.FunctionDef | None:
    tree = ast.parse(textwrap.dedent(inspect.getsource(method)))
    node = tree.body[0]
    return node if isinstance(node, ast.FunctionDef) else None


@functools.cache
def _app_commands() -> frozenset[str]:
    pending, names = list(AppCommand.__subclasses__()), set()
    while pending:
        kind = pending.pop()
        names.add(kind.__name__)
        pending.extend(kind.__subclasses__())
    return frozenset(names)


def starts_command(cls: type, name: str, seen: set[str] | None = None) -> bool:
    """Whether calling cls.name can start a command, directly or through self's methods."""
    seen = set() if seen is None else seen
    seen.add(name)
    method = getattr(cls, name, None)
    if not inspect.isfunction(method):
        return False
    direct, called = _facts(method)
    if direct:
        return True
    return any(starts_command(cls, callee, seen) for callee in called if callee not in seen)


@functools.cache
def _facts(method: Callable[..., object]) -> tuple[bool, tuple[str, ...]]:
    """Whether the method itself starts a command, and the `self.<name>(…)` it calls, in order."""
    function = _parsed(method)
    if function is None:
        return False, ()
    called: list[str] = []
    for node in ast.walk(function):
        if not isinstance(node, ast.Call):
            continue
        call = node.func
        if isinstance(call, ast.Name) and call.id in _app_commands():
            return True, ()
        if not isinstance(call, ast.Attribute):
            continue
        if call.attr == "command" and ast.unparse(call.value) == "self.calls":
            return True, ()
        if isinstance(call.value, ast.Name) and call.value.id == "self":
            called.append(call.attr)
    return False, tuple(called)


def _triggers_of(cls: type, name: str) -> Iterator[str]:
    """What runs the handler: each @on(...) decoration, or its name for an on_* handler."""
    function = _function(cls, name)
    if function is None:
        return
    decorations = [
        decorator
        for decorator in function.decorator_list
        if isinstance(decorator, ast.Call) and ast.unparse(decorator.func) == "on"
    ]
    for decorator in decorations:
        message = ast.unparse(decorator.args[0])
        selector = decorator.args[1] if len(decorator.args) > 1 else None
        selected = ""
        if isinstance(selector, ast.Constant) and isinstance(selector.value, str):
            selected = f" {selector.value}"
        yield f"{cls.__name__} {message}{selected}"
    if not decorations and (name.startswith("on_") or name.startswith("action_")):
        yield f"{cls.__name__} {name}"


def command_triggers() -> set[str]:
    """Every way a person can start a command on some screen of the kiosk."""
    found: set[str] = set()
    for cls in screen_classes():
        for name in dir(cls):
            if starts_command(cls, name):
                found.update(_triggers_of(cls, name))
    return found
