"""Every table model, imported so that `SQLModel.metadata` is complete (Alembic and tests import this)."""

from sqlmodel import SQLModel

from dream_lms.assignments import models as assignments_models
from dream_lms.attempts import models as attempts_models
from dream_lms.auth import models as auth_models
from dream_lms.books import models as books_models
from dream_lms.communication import models as communication_models
from dream_lms.core import audit as audit_models
from dream_lms.core import feed as feed_models
from dream_lms.materials import models as materials_models
from dream_lms.orgs import models as orgs_models
from dream_lms.sync import models as sync_models

MODEL_MODULES = (
    feed_models,
    audit_models,
    auth_models,
    orgs_models,
    books_models,
    assignments_models,
    attempts_models,
    sync_models,
    communication_models,
    materials_models,
)

metadata = SQLModel.metadata
