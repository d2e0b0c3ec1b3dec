"""Initial schema: organisations, users, areas, places, observations, actions, indicators, meetings, audit.

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 06:11:45.531849
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('agreement_period',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('ends_on >= starts_on', name=op.f('ck_agreement_period_period_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_period')),
    sa.UniqueConstraint('name', name=op.f('uq_agreement_period_name'))
    )
    op.create_table('organisation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('short_name', sa.String(length=40), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation')),
    sa.UniqueConstraint('name', name=op.f('uq_organisation_name')),
    sa.UniqueConstraint('short_name', name=op.f('uq_organisation_short_name'))
    )
    op.create_table('place',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('district', sa.String(length=60), nullable=False),
    sa.Column('place_type', sa.Enum('centre', 'station', 'school', 'park', 'tunnel', 'square', 'street', 'residential', 'sports', 'industrial', 'other', name='placetype', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('latitude', sa.Double(), nullable=True),
    sa.Column('longitude', sa.Double(), nullable=True),
    sa.Column('poor_lighting', sa.Boolean(), nullable=False),
    sa.Column('poor_sightlines', sa.Boolean(), nullable=False),
    sa.Column('secluded', sa.Boolean(), nullable=False),
    sa.Column('littering', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_place')),
    sa.UniqueConstraint('name', name=op.f('uq_place_name'))
    )
    with op.batch_alter_table('place', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_place_district'), ['district'], unique=False)

    op.create_table('action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('problem', sa.Text(), nullable=False),
    sa.Column('cause', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('operative_goal', sa.Text(), nullable=False),
    sa.Column('responsible_organisation_id', sa.Integer(), nullable=False),
    sa.Column('responsible_person', sa.String(length=120), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('planned', 'ongoing', 'done', 'cancelled', name='actionstatus', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('follow_up_colour', sa.Enum('green', 'yellow', 'red', name='followupcolour', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('kind', sa.Enum('one_off', 'ongoing', name='actionkind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('prevention_type', sa.Enum('situational', 'social', name='preventiontype', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('expected_effect', sa.Enum('short_term', 'long_term', name='expectedeffect', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('hours_spent', sa.Numeric(precision=10, scale=1), nullable=False),
    sa.Column('cost_spent', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('cost_spent >= 0', name=op.f('ck_action_cost_non_negative')),
    sa.CheckConstraint('deadline IS NULL OR start_on IS NULL OR deadline >= start_on', name=op.f('ck_action_dates_order')),
    sa.CheckConstraint('hours_spent >= 0', name=op.f('ck_action_hours_non_negative')),
    sa.ForeignKeyConstraint(['responsible_organisation_id'], ['organisation.id'], name=op.f('fk_action_responsible_organisation_id_organisation'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action'))
    )
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_responsible_organisation_id'), ['responsible_organisation_id'], unique=False)
        batch_op.create_index('ix_action_status_deadline', ['status', 'deadline'], unique=False)

    op.create_table('app_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=120), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('admin', 'editor', 'reader', name='role', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_app_user_organisation_id_organisation'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('username', name=op.f('uq_app_user_username'))
    )
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_app_user_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('area',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('agreement_period_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_period_id'], ['agreement_period.id'], name=op.f('fk_area_agreement_period_id_agreement_period'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_area')),
    sa.UniqueConstraint('name', name=op.f('uq_area_name'))
    )
    op.create_table('action_area',
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], name=op.f('fk_action_area_action_id_action'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], name=op.f('fk_action_area_area_id_area'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('action_id', 'area_id', name=op.f('pk_action_area'))
    )
    op.create_table('action_place',
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], name=op.f('fk_action_place_action_id_action'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['place_id'], ['place.id'], name=op.f('fk_action_place_place_id_place'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('action_id', 'place_id', name=op.f('pk_action_place'))
    )
    op.create_table('action_update',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('entry_date', sa.Date(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('old_status', sa.Enum('planned', 'ongoing', 'done', 'cancelled', name='old_status', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('new_status', sa.Enum('planned', 'ongoing', 'done', 'cancelled', name='new_status', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], name=op.f('fk_action_update_action_id_action'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['author_id'], ['app_user.id'], name=op.f('fk_action_update_author_id_app_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_update'))
    )
    with op.batch_alter_table('action_update', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_update_action_id'), ['action_id'], unique=False)

    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('row_id', sa.Integer(), nullable=True),
    sa.Column('operation', sa.Enum('insert', 'update', 'delete', name='auditoperation', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('old_values', sa.JSON(), nullable=True),
    sa.Column('new_values', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_audit_entry_user_id_app_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_occurred_at'), ['occurred_at'], unique=False)
        batch_op.create_index('ix_audit_entry_table_row', ['table_name', 'row_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entry_user_id'), ['user_id'], unique=False)

    op.create_table('category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('area_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], name=op.f('fk_category_area_id_area'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['parent_id'], ['category.id'], name=op.f('fk_category_parent_id_category'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_category')),
    sa.UniqueConstraint('code', name=op.f('uq_category_code'))
    )
    with op.batch_alter_table('category', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_category_area_id'), ['area_id'], unique=False)

    op.create_table('follow_up_meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('forum', sa.Enum('weekly_operational', 'tertial_analysis', 'steering_group', 'other', name='forum', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('decisions', sa.Text(), nullable=False),
    sa.Column('lagesbild_snapshot', sa.JSON(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['app_user.id'], name=op.f('fk_follow_up_meeting_created_by_id_app_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up_meeting'))
    )
    with op.batch_alter_table('follow_up_meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_meeting_held_on'), ['held_on'], unique=False)

    op.create_table('indicator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('data_source', sa.String(length=200), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=True),
    sa.Column('baseline_value', sa.Double(), nullable=True),
    sa.Column('baseline_period', sa.String(length=40), nullable=False),
    sa.Column('target_value', sa.Double(), nullable=True),
    sa.Column('direction', sa.Enum('lower', 'higher', name='direction', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('frequency', sa.Enum('monthly', 'tertial', 'yearly', name='frequency', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('responsible_organisation_id', sa.Integer(), nullable=True),
    sa.Column('responsible_person', sa.String(length=120), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], name=op.f('fk_indicator_area_id_area'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['responsible_organisation_id'], ['organisation.id'], name=op.f('fk_indicator_responsible_organisation_id_organisation'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator')),
    sa.UniqueConstraint('name', name=op.f('uq_indicator_name'))
    )
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_area_id'), ['area_id'], unique=False)

    op.create_table('action_indicator',
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], name=op.f('fk_action_indicator_action_id_action'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_action_indicator_indicator_id_indicator'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('action_id', 'indicator_id', name=op.f('pk_action_indicator'))
    )
    op.create_table('measurement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('value', sa.Double(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_measurement_indicator_id_indicator'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measurement')),
    sa.UniqueConstraint('indicator_id', 'period_start', name='uq_measurement_indicator_period')
    )
    op.create_table('meeting_action',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], name=op.f('fk_meeting_action_action_id_action'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['follow_up_meeting.id'], name=op.f('fk_meeting_action_meeting_id_follow_up_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', 'action_id', name=op.f('pk_meeting_action'))
    )
    op.create_table('meeting_focus_place',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['follow_up_meeting.id'], name=op.f('fk_meeting_focus_place_meeting_id_follow_up_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['place_id'], ['place.id'], name=op.f('fk_meeting_focus_place_place_id_place'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('meeting_id', 'place_id', name=op.f('pk_meeting_focus_place'))
    )
    op.create_table('meeting_organisation',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['follow_up_meeting.id'], name=op.f('fk_meeting_organisation_meeting_id_follow_up_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_meeting_organisation_organisation_id_organisation'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('meeting_id', 'organisation_id', name=op.f('pk_meeting_organisation'))
    )
    op.create_table('observation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('occurred_time', sa.Time(), nullable=True),
    sa.Column('reported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('source', sa.Enum('own_observation', 'police_statistics', 'rescue_service', 'safety_survey', 'safety_walk', 'citizen_dialogue', name='source', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('reported_by_id', sa.Integer(), nullable=True),
    sa.Column('setting', sa.Enum('indoors', 'outdoors', 'unknown', name='setting', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('reported_to_police', sa.Enum('yes', 'no', 'unknown', name='yesnounknown', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('verified', sa.Boolean(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('classification', sa.Enum('open', 'internal', name='classification', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('count >= 1', name=op.f('ck_observation_count_positive')),
    sa.ForeignKeyConstraint(['category_id'], ['category.id'], name=op.f('fk_observation_category_id_category'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_observation_organisation_id_organisation'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['place_id'], ['place.id'], name=op.f('fk_observation_place_id_place'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['reported_by_id'], ['app_user.id'], name=op.f('fk_observation_reported_by_id_app_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_observation'))
    )
    with op.batch_alter_table('observation', schema=None) as batch_op:
        batch_op.create_index('ix_observation_category_occurred_on', ['category_id', 'occurred_on'], unique=False)
        batch_op.create_index('ix_observation_occurred_on_category', ['occurred_on', 'category_id'], unique=False)
        batch_op.create_index('ix_observation_occurred_on_place', ['occurred_on', 'place_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_observation_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index('ix_observation_place_occurred_on', ['place_id', 'occurred_on'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('observation', schema=None) as batch_op:
        batch_op.drop_index('ix_observation_place_occurred_on')
        batch_op.drop_index(batch_op.f('ix_observation_organisation_id'))
        batch_op.drop_index('ix_observation_occurred_on_place')
        batch_op.drop_index('ix_observation_occurred_on_category')
        batch_op.drop_index('ix_observation_category_occurred_on')

    op.drop_table('observation')
    op.drop_table('meeting_organisation')
    op.drop_table('meeting_focus_place')
    op.drop_table('meeting_action')
    op.drop_table('measurement')
    op.drop_table('action_indicator')
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_area_id'))

    op.drop_table('indicator')
    with op.batch_alter_table('follow_up_meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_meeting_held_on'))

    op.drop_table('follow_up_meeting')
    with op.batch_alter_table('category', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_category_area_id'))

    op.drop_table('category')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_user_id'))
        batch_op.drop_index('ix_audit_entry_table_row')
        batch_op.drop_index(batch_op.f('ix_audit_entry_occurred_at'))

    op.drop_table('audit_entry')
    with op.batch_alter_table('action_update', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_update_action_id'))

    op.drop_table('action_update')
    op.drop_table('action_place')
    op.drop_table('action_area')
    op.drop_table('area')
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_app_user_organisation_id'))

    op.drop_table('app_user')
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.drop_index('ix_action_status_deadline')
        batch_op.drop_index(batch_op.f('ix_action_responsible_organisation_id'))

    op.drop_table('action')
    with op.batch_alter_table('place', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_place_district'))

    op.drop_table('place')
    op.drop_table('organisation')
    op.drop_table('agreement_period')
