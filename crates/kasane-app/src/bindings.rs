//! TypeScript declarations of every IPC type, generated from the Rust DTOs.
//!
//! The web UI imports them from `ui/src/lib/ipc/bindings.ts`; a test fails when that file no
//! longer matches the Rust types, and `KASANE_UPDATE_BINDINGS=1 cargo test -p kasane-app bindings`
//! rewrites it.

use kasane_annotate::exon_skipping::ExonSkipping;
use kasane_annotate::nmd::NmdPrediction;
use kasane_core::annotation::{
    CacheSummary, ClinvarChange, ClinvarChangeKind, ClinvarRecord, FrequencyRecord, GroupFrequency,
    PredictorScore, SourceKind, SourceManifest,
};
use kasane_core::gene_model::{GeneModel, Interval, Strand, TranscriptLocation};
use kasane_core::knowledge::{
    CancerGeneRole, DiagnosticFusion, DosageLocation, DosageScore, DosageSensitivity,
    GeneDiseaseValidity, GeneKnowledge, GeneMetaboliteLink, MethylationMarker, ReportableVariants,
    SecondaryFindingGene,
};
use kasane_core::{CaseStatus, GenomeBuild, LayerKind, Role, SampleRole, SecondaryFindingsConsent};
use kasane_interpret::cnv::CnvSection;
use kasane_interpret::oncogenicity::{OncogenicityBands, ScoredCode};
use kasane_interpret::rule_set::{
    ClassBands, ComputationalThresholds, FrequencyMetric, PopulationThresholds, StrengthPoints,
};
use kasane_interpret::tiers::{AmpLevel, EvidenceKind, EvidenceLevel, JapaneseLevel};
use kasane_interpret::vcep_pvs1::{ExonLossRule, Pvs1Case, Pvs1Grade, Pvs1Specification};
use kasane_interpret::{
    AmpTier, AppliedCriterion, Assessment, Ba1Exception, Ba1ExceptionList, Classification,
    CnvAssessment, CnvDirection, CodeDecision, Criterion, CriterionDecision, DecisionState,
    Direction, DominantDisorder, EvidenceItem, FrequencyEvidence, FusionAssessment, FusionVerdict,
    GradedCode, Oncogenicity, OncogenicityAssessment, OncogenicityCode, OncogenicityProposal,
    OncogenicityProposals, PhenotypeFinding, PhenotypeGrade, PhenotypeScore,
    PhenotypeSpecification, Proposal, ProposalState, RecordedEvidence, ReviewedCnv,
    ReviewedCriteria, ReviewedOncogenicity, RuleSet, ScoredCriterion, SectionDecision, Strength,
    TierResult,
};
use ts_rs::{Config, TS};

use crate::annotate::{AnnotateCaseDto, CaseAnnotationDto, SourceMatchesDto};
use crate::cache::{
    CacheBuiltDto, CacheDiffDto, CacheInfoDto, CacheSourceDto, CacheVerifyDto,
    HeldClassificationDto,
};
use crate::cache_signing::{
    CacheSignedDto, KeyPairDto, SignatureDto, SignatureState, TrustedKeyDto,
};
use crate::classify::{
    ClassificationDto, ClassifyRequestDto, InHouseDto, ProfileDto, ReportedClass, SignOffDto,
    SignOffRequestDto,
};
use crate::dto::{
    AddLayerFileDto, AuditEntryDto, CaseDto, CaseOverviewDto, JobProgressDto, LayerFileDto,
    NewCaseDto, NewSampleDto, NoteDto, SampleDto, WorkspaceInfoDto,
};
use crate::error::{AppError, ErrorKind};
use crate::explain::{ExplainRequestDto, ExplanationDto};
use crate::installed_caches::{InstallRecordDto, InstalledCacheDto};
use crate::panel::{
    SourceFrequencyDto, SourceScoreDto, TranscriptHitDto, VariantPanelDto, VariantPanelRequestDto,
};
use crate::rule_set_files::{ListedRuleSetDto, RuleSetFileDto};
use crate::sv_effects::{FusionDto, FusionPartnerDto, StructuralEffectDto};
use crate::variant_dto::{
    CaseQcDto, CellDto, ConditionDto, CountDto, FigureDto, FileImportDto, ImportSummaryDto,
    ImportVariantsDto, SexCheckDto, SkipCountDto, SortDto, VariantColumnDto, VariantPageDto,
    VariantPageRequestDto, VariantPresetDto, VariantQueryDto, VariantTableInfoDto,
};
use kasane_annotate::consequence::Consequence;
use kasane_annotate::structural::{KeptPart, StructuralEffect};

/// Path of the generated file, relative to the repository root.
pub const BINDINGS_PATH: &str = "ui/src/lib/ipc/bindings.ts";

/// The full text of the generated bindings file.
pub fn typescript_bindings() -> String {
    let cfg = Config::new().with_large_int("number");
    let declarations = [
        LayerKind::decl(&cfg),
        GenomeBuild::decl(&cfg),
        SampleRole::decl(&cfg),
        CaseStatus::decl(&cfg),
        SecondaryFindingsConsent::decl(&cfg),
        ErrorKind::decl(&cfg),
        AppError::decl(&cfg),
        WorkspaceInfoDto::decl(&cfg),
        NewCaseDto::decl(&cfg),
        CaseDto::decl(&cfg),
        NewSampleDto::decl(&cfg),
        SampleDto::decl(&cfg),
        AddLayerFileDto::decl(&cfg),
        LayerFileDto::decl(&cfg),
        NoteDto::decl(&cfg),
        CaseOverviewDto::decl(&cfg),
        AuditEntryDto::decl(&cfg),
        JobProgressDto::decl(&cfg),
        ImportVariantsDto::decl(&cfg),
        SkipCountDto::decl(&cfg),
        FileImportDto::decl(&cfg),
        ImportSummaryDto::decl(&cfg),
        ConditionDto::decl(&cfg),
        SortDto::decl(&cfg),
        VariantQueryDto::decl(&cfg),
        VariantPageRequestDto::decl(&cfg),
        CellDto::decl(&cfg),
        VariantPageDto::decl(&cfg),
        VariantColumnDto::decl(&cfg),
        VariantTableInfoDto::decl(&cfg),
        VariantPresetDto::decl(&cfg),
        CountDto::decl(&cfg),
        SexCheckDto::decl(&cfg),
        FigureDto::decl(&cfg),
        CaseQcDto::decl(&cfg),
        SourceKind::decl(&cfg),
        SourceManifest::decl(&cfg),
        CacheSourceDto::decl(&cfg),
        CacheBuiltDto::decl(&cfg),
        CacheInfoDto::decl(&cfg),
        SignatureState::decl(&cfg),
        SignatureDto::decl(&cfg),
        CacheVerifyDto::decl(&cfg),
        KeyPairDto::decl(&cfg),
        CacheSignedDto::decl(&cfg),
        TrustedKeyDto::decl(&cfg),
        CacheSummary::decl(&cfg),
        ClinvarChangeKind::decl(&cfg),
        ClinvarChange::decl(&cfg),
        HeldClassificationDto::decl(&cfg),
        CacheDiffDto::decl(&cfg),
        AnnotateCaseDto::decl(&cfg),
        SourceMatchesDto::decl(&cfg),
        CaseAnnotationDto::decl(&cfg),
        Strand::decl(&cfg),
        Interval::decl(&cfg),
        GeneModel::decl(&cfg),
        TranscriptLocation::decl(&cfg),
        ClinvarRecord::decl(&cfg),
        GroupFrequency::decl(&cfg),
        FrequencyRecord::decl(&cfg),
        SourceFrequencyDto::decl(&cfg),
        PredictorScore::decl(&cfg),
        SourceScoreDto::decl(&cfg),
        TranscriptHitDto::decl(&cfg),
        VariantPanelDto::decl(&cfg),
        VariantPanelRequestDto::decl(&cfg),
        StructuralEffectDto::decl(&cfg),
        FusionDto::decl(&cfg),
        FusionPartnerDto::decl(&cfg),
        StructuralEffect::decl(&cfg),
        KeptPart::decl(&cfg),
        Consequence::decl(&cfg),
        InstallRecordDto::decl(&cfg),
        InstalledCacheDto::decl(&cfg),
        DiagnosticFusion::decl(&cfg),
        MethylationMarker::decl(&cfg),
        GeneMetaboliteLink::decl(&cfg),
        ReportableVariants::decl(&cfg),
        SecondaryFindingGene::decl(&cfg),
        DosageScore::decl(&cfg),
        DosageLocation::decl(&cfg),
        DosageSensitivity::decl(&cfg),
        CancerGeneRole::decl(&cfg),
        GeneDiseaseValidity::decl(&cfg),
        GeneKnowledge::decl(&cfg),
        NmdPrediction::decl(&cfg),
        ExonSkipping::decl(&cfg),
        Direction::decl(&cfg),
        Strength::decl(&cfg),
        Criterion::decl(&cfg),
        AppliedCriterion::decl(&cfg),
        ScoredCriterion::decl(&cfg),
        Classification::decl(&cfg),
        Assessment::decl(&cfg),
        StrengthPoints::decl(&cfg),
        ClassBands::decl(&cfg),
        FrequencyMetric::decl(&cfg),
        PopulationThresholds::decl(&cfg),
        ComputationalThresholds::decl(&cfg),
        Pvs1Specification::decl(&cfg),
        ExonLossRule::decl(&cfg),
        Pvs1Case::decl(&cfg),
        Pvs1Grade::decl(&cfg),
        GradedCode::decl(&cfg),
        PhenotypeFinding::decl(&cfg),
        PhenotypeGrade::decl(&cfg),
        PhenotypeSpecification::decl(&cfg),
        PhenotypeScore::decl(&cfg),
        RuleSet::decl(&cfg),
        RuleSetFileDto::decl(&cfg),
        ListedRuleSetDto::decl(&cfg),
        Ba1Exception::decl(&cfg),
        Ba1ExceptionList::decl(&cfg),
        ProposalState::decl(&cfg),
        FrequencyEvidence::decl(&cfg),
        Proposal::decl(&cfg),
        Role::decl(&cfg),
        DecisionState::decl(&cfg),
        CriterionDecision::decl(&cfg),
        DominantDisorder::decl(&cfg),
        ReviewedCriteria::decl(&cfg),
        ProfileDto::decl(&cfg),
        ClassifyRequestDto::decl(&cfg),
        SignOffRequestDto::decl(&cfg),
        SignOffDto::decl(&cfg),
        ReportedClass::decl(&cfg),
        ClassificationDto::decl(&cfg),
        InHouseDto::decl(&cfg),
        OncogenicityCode::decl(&cfg),
        Oncogenicity::decl(&cfg),
        OncogenicityBands::decl(&cfg),
        ScoredCode::decl(&cfg),
        OncogenicityAssessment::decl(&cfg),
        OncogenicityProposal::decl(&cfg),
        OncogenicityProposals::decl(&cfg),
        CodeDecision::decl(&cfg),
        AmpLevel::decl(&cfg),
        JapaneseLevel::decl(&cfg),
        EvidenceLevel::decl(&cfg),
        EvidenceKind::decl(&cfg),
        EvidenceItem::decl(&cfg),
        RecordedEvidence::decl(&cfg),
        AmpTier::decl(&cfg),
        TierResult::decl(&cfg),
        ReviewedOncogenicity::decl(&cfg),
        CnvDirection::decl(&cfg),
        CnvSection::decl(&cfg),
        CnvAssessment::decl(&cfg),
        SectionDecision::decl(&cfg),
        ReviewedCnv::decl(&cfg),
        FusionVerdict::decl(&cfg),
        FusionAssessment::decl(&cfg),
        ExplainRequestDto::decl(&cfg),
        ExplanationDto::decl(&cfg),
    ];
    let mut text = String::from(
        "// Generated from the Rust DTOs of kasane-app by `KASANE_UPDATE_BINDINGS=1 cargo test -p kasane-app bindings`.\n// Do not edit by hand.\n",
    );
    for declaration in declarations {
        text.push_str("\nexport ");
        text.push_str(&declaration);
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindings_file_matches_the_rust_types() {
        let path = std::env::current_dir()
            .expect("tests run in the package directory")
            .join("../..")
            .join(BINDINGS_PATH);
        let expected = typescript_bindings();
        if std::env::var("KASANE_UPDATE_BINDINGS").as_deref() == Ok("1") {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &expected).unwrap();
        }
        let found = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            found == expected,
            "{} is out of date with the Rust DTOs; run `KASANE_UPDATE_BINDINGS=1 cargo test -p kasane-app bindings` and commit it",
            BINDINGS_PATH
        );
    }

    #[test]
    fn enums_become_string_unions_with_their_wire_names() {
        let text = typescript_bindings();
        assert!(
            text.contains(r#"export type LayerKind = "wgs-vcf" | "sv-vcf""#),
            "{text}"
        );
        assert!(
            text.contains(r#"export type GenomeBuild = "GRCh37" | "GRCh38";"#),
            "{text}"
        );
        assert!(text.contains("detail?: string"), "{text}");
    }
}
