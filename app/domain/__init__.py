"""The domain's own rules, free of SQLAlchemy and Qt: periods, permissions, sign-in policy, errors."""
