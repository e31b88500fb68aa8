"""Test factories, one module per app, on wagtail-factories and factory_boy.

They add defaults and sequences to the builders the apps' demo seeders use
(``core.builders``, ``people.builders``, ``blog.builders``, ...), so tests
and demo content build posts, images, people and comments the same way.
"""
