export { validateBucketName } from "./bucketName";
export { validateTagKey, validateTagValue, MAX_TAGS_PER_BUCKET } from "./tagRules";
export { InvalidInputError } from "./invalidInput";
export {
  planTagChange,
  isWrite,
  type Tag,
  type TagChange,
  type TagChangeOutcome,
  type TagChangePlan,
} from "./tagChange";
export { readBucketTags, writeBucketTags } from "./bucketTagging";
export {
  BucketTagger,
  type BucketTaggerOptions,
  type ChangeOptions,
  type TagChangeResult,
  type WriteMethod,
  WHOLE_SET_REPLACED_WARNING,
} from "./bucketTagger";
export { s3Endpoints, type S3Endpoints } from "./s3Endpoints";
export { NoSuchBucketError } from "./noSuchBucket";
export { TagChangeNotConfirmedError } from "./confirmTagChange";
export {
  TAG_CHANGE_OUTPUT_DISPLAY,
  tagChangeReport,
  type TagChangeReport,
  WHOLE_SET_REPLACED_SUMMARY,
} from "./tagChangeReport";
export { listBucketPages, type BucketPage, type BucketSummary } from "./listBuckets";
export { AwsRequestError } from "./awsRequestError";
export { BUCKET_PARAMETER, DRY_RUN_PARAMETER, TAG_KEY_PARAMETER, TAG_VALUE_PARAMETER } from "./taskParameters";
