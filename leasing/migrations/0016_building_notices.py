# Building notices: what the management announces to a building, a floor or every building.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0008_notice_topic_and_reads'),
        ('leasing', '0015_lease_holding_over_rent_statement_history'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='BuildingNotice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('body', models.TextField(verbose_name='text')),
                ('urgent', models.BooleanField(default=False, verbose_name='urgent')),
                ('valid_from', models.DateField(verbose_name='valid from')),
                ('valid_until', models.DateField(verbose_name='valid until')),
                ('audience', models.CharField(choices=[('all', 'All buildings'), ('building', 'One building'), ('floor', 'One floor')], max_length=10, verbose_name='audience')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='published at')),
            ],
            options={
                'verbose_name': 'building notice',
                'verbose_name_plural': 'building notices',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.AddField(
            model_name='buildingnotice',
            name='building',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='leasing.building', verbose_name='building'),
        ),
        migrations.AddField(
            model_name='buildingnotice',
            name='created_by',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='published by'),
        ),
        migrations.AddField(
            model_name='buildingnotice',
            name='floor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='leasing.floor', verbose_name='floor'),
        ),
        migrations.AddField(
            model_name='buildingnotice',
            name='letters',
            field=models.ManyToManyField(blank=True, related_name='+', to='documents.notice', verbose_name='letters'),
        ),
        migrations.AddConstraint(
            model_name='buildingnotice',
            constraint=models.CheckConstraint(condition=models.Q(('valid_until__gte', models.F('valid_from'))), name='building_notice_period_valid'),
        ),
        migrations.AddConstraint(
            model_name='buildingnotice',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('audience', 'all'), ('building__isnull', True), ('floor__isnull', True)), models.Q(('audience', 'building'), ('building__isnull', False), ('floor__isnull', True)), models.Q(('audience', 'floor'), ('building__isnull', False), ('floor__isnull', False)), _connector='OR'), name='building_notice_audience_matches'),
        ),
    ]
