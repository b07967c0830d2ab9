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
export { readBucketTags, writeBucketTags, changeBucketTag, type TagChangeResult } from "./bucketTagging";
export { tagChangeReport, type TagChangeReport } from "./tagChangeReport";
