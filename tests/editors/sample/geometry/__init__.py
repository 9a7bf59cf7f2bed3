"""Shapes for the editor tests."""
