"""The API's meter readings: a meter-reading system (or engineering's reader) enters readings into a
building's open round, as the round's entry page does (``round_readings_save``): never below the meter's
previous reading unless the meter was replaced, and only while the round is open. Needs ``meters:write``."""

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from documents.api.serializers import StrictSerializer
from documents.api.views import StaffApiMixin, get_or_404
from documents.models import Scope

from .models import Meter, MeterReading, MeterRound
from .services.rounds import RoundLine, round_readings_save


class MeterSerializer(serializers.ModelSerializer):
    unit_code = serializers.CharField(source="unit.code", read_only=True)

    class Meta:
        model = Meter
        fields = ["id", "unit", "unit_code", "kind", "number"]


class MeterRoundSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeterRound
        fields = ["id", "building", "month", "status", "opened_at"]


class ReadingSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeterReading
        fields = ["meter", "reading", "read_on"]


class RoundDetailSerializer(MeterRoundSerializer):
    meters = serializers.SerializerMethodField()
    readings = ReadingSerializer(many=True, read_only=True)

    class Meta(MeterRoundSerializer.Meta):
        fields = [*MeterRoundSerializer.Meta.fields, "meters", "readings"]

    @extend_schema(responses=MeterSerializer(many=True))
    def get_meters(self, meter_round: MeterRound) -> list[dict[str, Any]]:
        """The meters in service in the round's building, to be read."""
        meters = Meter.objects.filter(unit__building_id=meter_round.building_id, active=True)
        return MeterSerializer(meters.select_related("unit").order_by("unit__code", "kind"), many=True).data


class _Rounds(StaffApiMixin):
    required_scope = Scope.METERS_WRITE

    def get_queryset(self) -> QuerySet[MeterRound]:
        return self.scoped(MeterRound.objects.filter(status=MeterRound.Status.OPEN).order_by("-month", "pk"))


class MeterRoundList(_Rounds, generics.ListAPIView):
    """The open meter-reading rounds of the key's buildings."""

    serializer_class = MeterRoundSerializer
    filterset_fields = ["building"]


class MeterRoundDetail(_Rounds, generics.RetrieveAPIView):
    """An open round with the meters to read and the readings entered so far."""

    serializer_class = RoundDetailSerializer

    def get_queryset(self) -> QuerySet[MeterRound]:
        return super().get_queryset().prefetch_related("readings")


class ReadingLine(StrictSerializer):
    meter = serializers.IntegerField(min_value=1)
    reading = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0"))
    new_number = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    replacement_reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class ReadingsInput(StrictSerializer):
    readings = ReadingLine(many=True, allow_empty=False, max_length=2000)


class MeterRoundReadings(_Rounds, APIView):
    """Enter readings into an open round (a meter's earlier reading in this round is replaced)."""

    @extend_schema(request=ReadingsInput, responses={200: RoundDetailSerializer})
    def post(self, request: Request, pk: int) -> Response:
        meter_round = get_or_404(self.get_queryset(), pk=pk)
        data = ReadingsInput(data=request.data)
        data.is_valid(raise_exception=True)
        lines = [
            RoundLine(
                meter_id=line["meter"],
                reading=line["reading"],
                new_number=line["new_number"],
                replacement_reason=line["replacement_reason"],
            )
            for line in data.validated_data["readings"]
        ]
        round_readings_save(meter_round=meter_round, lines=lines, by=request.user)
        fresh = MeterRound.objects.prefetch_related("readings").get(pk=meter_round.pk)
        return Response(RoundDetailSerializer(fresh).data)
