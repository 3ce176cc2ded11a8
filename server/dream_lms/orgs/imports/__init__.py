"""Bulk import of students, teachers, publishers and schools from .xlsx and .csv files, with templates and
error sheets."""
